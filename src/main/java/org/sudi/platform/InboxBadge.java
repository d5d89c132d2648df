package org.sudi.platform;

/**
 * The inbox slot of the console's top bar. Implemented by the module that keeps the inbox
 * (notification); while no bean exists the top bar shows no badge.
 */
public interface InboxBadge {

	/** Unread messages of the signed-in account. */
	long unread(String username);

	/** Where the badge links to. */
	String href();
}
