package org.sudi.platform;

/**
 * A session sign-in's principal as the platform sees it: known by its username (the session store's
 * principal-name index, the limit on concurrent console sessions). The directory's {@code Actor} is one.
 */
public interface AccountPrincipal {

	String username();
}
