package org.sudi.directory.internal;

import java.util.Set;

import org.sudi.directory.Actor;
import org.sudi.directory.Role;

/** A sign-in account of a person; staff belong to exactly one unit. */
record Account(long id, String username, String passwordHash, String displayName, Long orgId, String phone,
		boolean enabled, Set<Role> roles) {

	Actor asActor() {
		return new Actor(username, displayName, orgId, roles);
	}
}
