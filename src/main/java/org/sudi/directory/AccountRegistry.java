package org.sudi.directory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Account registration and look-up for other modules (the grid module registers its grid workers and
 * checks the workers an import names).
 */
public interface AccountRegistry {

	/** A staff account to create; staff belong to exactly one unit. */
	record NewAccount(String username, String displayName, long orgId, String phone, Set<Role> roles) {

		public NewAccount {
			roles = Set.copyOf(roles);
		}
	}

	/** What other modules may know about an account. */
	record AccountInfo(String username, String displayName, Long orgId, Set<Role> roles, boolean enabled) {

		public boolean has(Role role) {
			return roles.contains(role);
		}
	}

	Optional<AccountInfo> find(String username);

	/**
	 * Creates one account with its own password (at least 12 characters).
	 * @throws org.sudi.platform.InvalidInputException when the username is taken or the input is unsound
	 */
	void register(NewAccount account, String password);

	/**
	 * Demo mode only: creates the accounts that do not exist yet, all with the demo password (hashed
	 * once, so hundreds of accounts take a fraction of a second). Returns how many were created.
	 * @throws IllegalStateException outside demo mode
	 */
	int registerWithDemoPassword(List<NewAccount> accounts);
}
