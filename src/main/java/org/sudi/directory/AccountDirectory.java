package org.sudi.directory;

import java.util.List;

/** Who to tell: the enabled accounts of a unit, or of a role. */
public interface AccountDirectory {

	List<String> usernamesOf(long orgId);

	List<String> usernamesWithRole(Role role);
}
