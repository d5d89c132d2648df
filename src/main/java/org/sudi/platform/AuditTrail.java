package org.sudi.platform;

/**
 * The platform's audit log (issue 10): sign-ins and their failures, role and permission changes,
 * exports, views of unmasked personal data and configuration changes. Every module records through
 * this one port, inside its own transaction, so that an audited change and its record commit together.
 */
public interface AuditTrail {

	/**
	 * Records one audited event.
	 * @param kind what happened
	 * @param actor the username who did it ({@code null} or {@code "anonymous"} when nobody is signed in)
	 * @param subject what it was done to (an account, a case number, a month, a setting), may be {@code null}
	 * @param detail a short human-readable detail, never personal data in clear, may be {@code null}
	 */
	void record(AuditKind kind, String actor, String subject, String detail);
}
