package org.sudi.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are "the database is unreachable" (503) and which are bugs or bad data (not 503). */
class DatabaseUnavailableTests {

	@Test
	void connectionFailuresAreUnavailable() {
		// Hikari timing out while PostgreSQL is down, as the transaction manager reports it.
		assertThat(DatabaseUnavailable.causedBy(new CannotCreateTransactionException("no connection",
				new SQLTransientConnectionException("sudi - Connection is not available, request timed out after 5000ms"))))
			.isTrue();
		assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("x", new SQLException("x"))))
			.isTrue();
		// The server terminating the session on shutdown (SQLSTATE 57P01), wrapped by a runtime exception.
		assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(new SQLException(
				"terminating connection due to administrator command", "57P01")))).isTrue();
		assertThat(DatabaseUnavailable.causedBy(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
	}

	@Test
	void aFailedRollbackCountsByTheFailureBeforeIt() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new IllegalStateException("unknown"));
		assertThat(DatabaseUnavailable.causedBy(rollback)).isFalse();
		rollback.initApplicationException(new DataAccessResourceFailureException("terminating connection"));
		assertThat(DatabaseUnavailable.causedBy(rollback)).isTrue();
	}

	@Test
	void aCommitOrRollbackOnAConnectionThePoolClosedIsUnavailable() {
		// Seen under load: the commit hits the dying server, Hikari closes the connection, the rollback
		// after the failed commit throws this (no SQLSTATE), and the commit's own failure is only logged.
		assertThat(DatabaseUnavailable.causedBy(new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed")))).isTrue();
	}

	@Test
	void bugsAndBadDataAreNotUnavailable() {
		assertThat(DatabaseUnavailable.causedBy(new BadSqlGrammarException("q", "select", new SQLException("x", "42601"))))
			.isFalse();
		assertThat(DatabaseUnavailable.causedBy(new DataIntegrityViolationException("dup",
				new SQLException("duplicate key", "23505")))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new NullPointerException())).isFalse();
	}
}
