package org.sudi.platform;

import java.sql.SQLException;

/**
 * Text PostgreSQL cannot store: a NUL character (U+0000) anywhere in a value sent by a client makes
 * the database refuse the statement with SQLSTATE 22021 (character_not_in_repertoire). That is bad
 * input (400), not a failure of ours; the error handlers ask this class.
 */
public final class UnstorableText {

	public static final String MESSAGE = "The text contains a character that cannot be stored (U+0000)";

	private UnstorableText() {
	}

	/** Whether {@code failure} was caused by such text. */
	public static boolean causedBy(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}
}
