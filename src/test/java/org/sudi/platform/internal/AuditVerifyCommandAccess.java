package org.sudi.platform.internal;

/** Lets tests in other packages run the verify command ({@code bin/audit-verify}) against a database. */
public final class AuditVerifyCommandAccess {

	private AuditVerifyCommandAccess() {
	}

	/** The command's exit status: 0 intact, 1 broken, 2 cannot check. */
	public static int run(String url, String user) {
		return AuditVerifyCommand.run(url, user, System.getenv("SUDI_TEST_DB_PASSWORD"), null, "target/no-embedded-db");
	}
}
