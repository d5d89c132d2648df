package org.sudi.platform.internal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditLog;
import org.sudi.platform.AuditTrail;

/**
 * The audit log in PostgreSQL (ADR 0027): append-only, hash-chained, numbered without gaps. A record
 * joins the caller's transaction (so an audited change and its record commit together); from a
 * read-only transaction, or none, it commits on its own. Writers wait for the head row's lock, so the
 * chain has one order across all nodes; the lock is held until the writing transaction ends, so
 * callers record as the last step of their work.
 */
@Component
class JdbcAuditTrail implements AuditTrail, AuditLog {

	private static final Logger log = LoggerFactory.getLogger("org.sudi.audit");

	/** The shortest retention the law asks of network logs (网络安全法 第二十一条: at least six months). */
	static final Duration MIN_RETENTION = Duration.ofDays(180);

	private final JdbcClient jdbc;
	private final DataSource dataSource;
	private final Clock clock;
	private final TransactionTemplate joining;
	private final TransactionTemplate separate;
	private final Duration retention;
	private final String configuredKey;
	private volatile AuditChain chain;

	JdbcAuditTrail(JdbcClient jdbc, DataSource dataSource, Clock clock, PlatformTransactionManager transactions,
			@Value("${sudi.audit.retention:180d}") Duration retention, @Value("${sudi.audit.key:}") String key) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.clock = clock;
		this.joining = new TransactionTemplate(transactions);
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		if (retention.compareTo(MIN_RETENTION) < 0) {
			throw new IllegalStateException("sudi.audit.retention must be at least 180 days, not " + retention);
		}
		this.retention = retention;
		this.configuredKey = key;
	}

	/** The key: SUDI_AUDIT_KEY, or one generated once and kept in the database (ADR 0027 says why the first is better). */
	private AuditChain chain() {
		AuditChain c = chain;
		if (c == null) {
			c = new AuditChain(resolveKey(jdbc, configuredKey));
			chain = c;
		}
		return c;
	}

	static byte[] resolveKey(JdbcClient jdbc, String configured) {
		if (StringUtils.hasText(configured)) {
			return Base64.getDecoder().decode(configured.strip());
		}
		byte[] fresh = new byte[32];
		new SecureRandom().nextBytes(fresh);
		jdbc.sql("insert into platform_secret(name, value) values ('audit-key', :v) on conflict (name) do nothing")
			.param("v", Base64.getEncoder().encodeToString(fresh))
			.update();
		return Base64.getDecoder().decode(jdbc.sql("select value from platform_secret where name = 'audit-key'")
			.query(String.class).single());
	}

	@Override
	public void record(AuditKind kind, String actor, String subject, String detail) {
		String source = sourceAddress();
		TransactionTemplate tx = TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly() ? joining : separate;
		tx.executeWithoutResult(s -> append(kind, clean(actor, 200), clean(subject, 500), clean(detail, 2000), source));
		log.info("audit {} by {} on {}: {}", kind, actor, subject, detail);
	}

	private void append(AuditKind kind, String actor, String subject, String detail, String source) {
		AuditChain c = chain();
		Head head = jdbc.sql("select last_id, last_hash from audit_head for update")
			.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
		long id = head.lastId() + 1;
		Instant at = AuditChain.truncate(clock.instant());
		String hash = c.hash(id, at, kind.name(), actor, subject, detail, source, c.keyId(), head.lastHash());
		jdbc.sql("""
				insert into audit_log(id, occurred_at, kind, actor, subject, detail, source_address, key_id, prev_hash, hash)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC), kind.name(), actor, subject, detail,
					source, c.keyId(), head.lastHash(), hash)
			.update();
		jdbc.sql("update audit_head set last_id = ?, last_hash = ?").params(id, hash).update();
	}

	private record Head(long lastId, String lastHash) {
	}

	private static String sourceAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			return attributes.getRequest().getRemoteAddr();
		}
		return null;
	}

	/** No NUL characters (PostgreSQL text cannot hold them), and a bounded length. */
	private static String clean(String s, int max) {
		if (s == null) {
			return null;
		}
		String t = s.replace('\u0000', ' ');
		return t.length() <= max ? t : t.substring(0, max - 1) + "…";
	}

	@Override
	public Page search(Query q, int page, int size) {
		StringBuilder where = new StringBuilder(" where true");
		List<Object> params = new ArrayList<>();
		if (q.kind() != null) {
			where.append(" and kind = ?");
			params.add(q.kind().name());
		}
		if (StringUtils.hasText(q.actor())) {
			where.append(" and actor = ?");
			params.add(q.actor().strip());
		}
		if (StringUtils.hasText(q.text())) {
			where.append(" and (strpos(coalesce(subject, ''), ?) > 0 or strpos(coalesce(detail, ''), ?) > 0)");
			params.add(q.text().strip());
			params.add(q.text().strip());
		}
		if (q.from() != null) {
			where.append(" and occurred_at >= ?");
			params.add(OffsetDateTime.ofInstant(q.from(), java.time.ZoneOffset.UTC));
		}
		if (q.to() != null) {
			where.append(" and occurred_at < ?");
			params.add(OffsetDateTime.ofInstant(q.to(), java.time.ZoneOffset.UTC));
		}
		long total = jdbc.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<Entry> items = jdbc.sql("select * from audit_log" + where + " order by id desc limit ? offset ?")
			.params(pageParams)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
					AuditKind.valueOf(rs.getString("kind")), rs.getString("actor"), rs.getString("subject"),
					rs.getString("detail"), rs.getString("source_address"), rs.getString("hash")))
			.list();
		return new Page(items, page, size, total);
	}

	@Override
	public Verification verify() {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			return chain().verify(connection);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot read the audit log", e);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/**
	 * Removes the rows older than the retention period (at least 180 days) from the start of the chain
	 * and leaves an anchor (the last removed row's id and hash) for verification to start from.
	 * Returns how many rows went.
	 */
	int purge() {
		Instant cutoff = clock.instant().minus(retention);
		try {
			Integer purged = separate.execute(s -> {
				Head head = jdbc.sql("select last_id, last_hash from audit_head for update")
					.query((rs, n) -> new Head(rs.getLong(1), rs.getString(2))).single();
				long firstKept = jdbc.sql("select min(id) from audit_log where occurred_at >= ?")
					.param(OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
					.query(Long.class).optional().orElse(head.lastId() + 1);
				long through = firstKept - 1;
				long anchored = jdbc.sql("select coalesce(max(through_id), 0) from audit_anchor").query(Long.class).single();
				if (through <= anchored) {
					return 0;
				}
				String throughHash = jdbc.sql("select hash from audit_log where id = ?").param(through)
					.query(String.class).single();
				int n = jdbc.sql("delete from audit_log where id <= ?").param(through).update();
				jdbc.sql("insert into audit_anchor(through_id, through_hash, purged_at) values (?, ?, ?)")
					.params(through, throughHash, OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC))
					.update();
				append(AuditKind.AUDIT_LOG_PURGED, "system", "audit_log",
						n + " rows up to " + through + " older than " + retention.toDays() + " days", null);
				return n;
			});
			return purged == null ? 0 : purged;
		}
		catch (DataAccessException e) {
			log.warn("Audit log purge refused: {}", e.getMostSpecificCause().getMessage());
			return 0;
		}
	}

	/** The daily purge, on one node at a time (db-scheduler). */
	@Configuration(proxyBeanMethods = false)
	static class Scheduling {

		@Bean
		RecurringTask<Void> auditPurge(JdbcAuditTrail audit,
				@Value("${sudi.audit.purge-interval:1d}") Duration interval) {
			return Tasks.recurring("audit-purge", FixedDelay.of(interval)).execute((instance, context) -> audit.purge());
		}
	}
}
