package org.sudi.directory;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is acting: the signed-in account, its unit (null for citizens) and its roles. Controllers take
 * it as a parameter; domain methods take it to decide what the account may do.
 */
public record Actor(String username, String displayName, Long orgId, Set<Role> roles)
		implements java.io.Serializable, org.sudi.platform.AccountPrincipal {

	public Actor {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return roles.contains(role);
	}

	public boolean hasAny(Role... wanted) {
		return Arrays.stream(wanted).anyMatch(roles::contains);
	}

	/** True when the account works in the given unit. */
	public boolean worksIn(Long unitId) {
		return orgId != null && orgId.equals(unitId);
	}
}
