package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.sudi.IntegrationTest;
import org.sudi.MutableClock;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditLog;
import org.sudi.platform.AuditTrail;

/**
 * The retention purge (ADR 0027) in a context of its own, so its chain starts empty: rows older than
 * 180 days go from the start of the chain, an anchor keeps the rest verifiable, younger rows stay, and
 * the database itself refuses to delete a row younger than 180 days.
 */
@IntegrationTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = "sudi.audit.purge-interval=3650d")
class AuditPurgeTests {

	@Autowired
	MutableClock clock;

	@Autowired
	AuditTrail trail;

	@Autowired
	AuditLog log;

	@Autowired
	JdbcAuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("rows older than 180 days are purged from the chain's start, an anchor is left, and the chain still verifies")
	void purgeKeepsTheChainVerifiable() {
		Instant now = clock.instant();
		long before = jdbc.sql("select last_id from audit_head").query(Long.class).single();
		// The old rows must open the chain: on an external test database shared by all contexts (CI's
		// second run) other tests may have written first; the embedded run always starts afresh.
		assumeTrue(before == 0, "needs a fresh audit chain (own embedded database)");
		clock.set(now.minus(Duration.ofDays(200)));
		for (int i = 0; i < 3; i++) {
			trail.record(AuditKind.CONFIGURATION_CHANGED, "admin", "old-" + i, "long ago");
		}
		clock.set(now.minus(Duration.ofDays(170)));
		trail.record(AuditKind.EXPORT, "leader", "young", "kept: younger than 180 days");
		clock.set(now);
		trail.record(AuditKind.SIGN_IN, "admin", "admin", "now");
		assertThat(log.verify().ok()).isTrue();

		assertThatThrownBy(() -> jdbc.sql("delete from audit_log where subject = 'young'").update())
			.as("the database refuses to delete a row younger than 180 days").rootCause().hasMessageContaining("append-only");

		assertThat(audit.purge()).isEqualTo(3);
		assertThat(jdbc.sql("select count(*) from audit_log where subject like 'old-%'").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select through_id from audit_anchor").query(Long.class).single()).isEqualTo(3);
		assertThat(jdbc.sql("select kind from audit_log order by id desc limit 1").query(String.class).single())
			.isEqualTo("AUDIT_LOG_PURGED");
		AuditLog.Verification v = log.verify();
		assertThat(v.ok()).as(String.valueOf(v)).isTrue();
		assertThat(v.rowsChecked()).isEqualTo(3);
		assertThat(audit.purge()).as("nothing more to purge").isZero();

		// Removing the first kept row (as a superuser with the trigger off) is found: the anchor no longer fits.
		jdbc.sql("create table audit_test_kept_row as select * from audit_log where id = 4").update();
		jdbc.sql("alter table audit_log disable trigger audit_log_append_only").update();
		try {
			jdbc.sql("delete from audit_log where id = 4").update();
			v = log.verify();
			assertThat(v.ok()).isFalse();
			assertThat(v.firstBrokenId()).isEqualTo(4);
			assertThat(v.problem()).contains("missing");
		}
		finally {
			jdbc.sql("insert into audit_log select * from audit_test_kept_row").update();
			jdbc.sql("drop table audit_test_kept_row").update();
			jdbc.sql("alter table audit_log enable trigger audit_log_append_only").update();
		}
		assertThat(log.verify().ok()).as("put back, the chain verifies again").isTrue();
	}
}
