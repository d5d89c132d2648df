package org.sudi.directory;

import java.util.Optional;

/**
 * Accounts of the people who sign in on the portals without a password: citizens by their mobile
 * number (checked with a one-time code by the caller), enterprises by their credit code and contact
 * mobile.
 */
public interface PortalAccounts {

	/** The CITIZEN account of this mobile number, created on its first sign-in. */
	Actor citizenByPhone(String phone);

	/**
	 * The ENTERPRISE account of this contact mobile in the enterprise with this credit code; the
	 * enterprise (a unit of kind ENTERPRISE bound to the code) and the account are created on first use.
	 */
	Actor enterpriseContact(CreditCode creditCode, String enterpriseName, String phone);

	/** The enabled account with this username, as an actor. */
	Optional<Actor> find(String username);

	/** The mobile number of the account, if it has one. */
	Optional<String> phoneOf(String username);
}
