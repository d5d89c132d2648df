package org.sudi.platform.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by the database being unreachable (stopped, restarting, crashed, the pool
 * timing out waiting for a connection) from a bug: the first is answered 503 with Retry-After, the
 * second 500. Nothing the client sent was acknowledged in either case.
 */
final class DatabaseUnavailable {

	/** Seconds a client should wait before trying again (a PostgreSQL restart takes a few seconds). */
	static final String RETRY_AFTER_SECONDS = "5";

	private DatabaseUnavailable() {
	}

	static boolean causedBy(Throwable failure) {
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
					|| t instanceof TransientDataAccessResourceException || t instanceof RecoverableDataAccessException
					|| t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
					|| t instanceof SQLRecoverableException) {
				return true;
			}
			// A rollback after a lost connection fails too; what counts is why the work failed first.
			if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
					&& causedBy(tse.getApplicationException())) {
				return true;
			}
			// A commit or rollback the driver could not carry out and the translator could not classify
			// (e.g. the pool already closed the connection after a fatal error: "Connection is closed").
			if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
				return true;
			}
			if (t instanceof SQLException sql && sql.getSQLState() != null) {
				String state = sql.getSQLState();
				// 08: connection exception; 57P01/02/03: admin shutdown, crash shutdown, cannot connect now.
				if (state.startsWith("08") || state.startsWith("57P")) {
					return true;
				}
			}
		}
		return false;
	}
}
