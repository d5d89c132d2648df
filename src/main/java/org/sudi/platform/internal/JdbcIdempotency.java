package org.sudi.platform.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.platform.Idempotency;
import org.sudi.platform.InvalidInputException;

/**
 * {@link Idempotency} over the {@code idempotency_key} table. The claim is an insert on the primary key
 * in the action's own transaction: a concurrent request with the same key blocks on it until the first
 * commits (then finds its result) or rolls back (then claims the key itself). An expired row is taken over
 * by the next claim; every claim also sweeps up to 100 expired rows.
 */
@Component
class JdbcIdempotency implements Idempotency {

	private final JdbcClient jdbc;
	private final TransactionTemplate tx;
	private final Clock clock;
	private final Duration ttl;

	JdbcIdempotency(JdbcClient jdbc, TransactionTemplate tx, Clock clock,
			@Value("${sudi.idempotency.ttl:24h}") Duration ttl) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
		this.ttl = ttl;
	}

	@Override
	public Outcome once(String scope, String caller, String key, String fingerprint, Supplier<String> action) {
		if (key == null || key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
			throw new InvalidInputException("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
		}
		return tx.execute(status -> {
			Instant now = clock.instant();
			jdbc.sql("delete from idempotency_key where ctid in (select ctid from idempotency_key where expires_at <= :now limit 100)")
				.param("now", Timestamp.from(now))
				.update();
			int claimed = jdbc.sql("""
					insert into idempotency_key (scope, caller, key, fingerprint, created_at, expires_at)
					values (:scope, :caller, :key, :fingerprint, :now, :expires)
					on conflict (scope, caller, key) do update
					   set fingerprint = excluded.fingerprint, result = null,
					       created_at = excluded.created_at, expires_at = excluded.expires_at
					 where idempotency_key.expires_at <= excluded.created_at""")
				.param("scope", scope).param("caller", caller).param("key", key).param("fingerprint", fingerprint)
				.param("now", Timestamp.from(now)).param("expires", Timestamp.from(now.plus(ttl)))
				.update();
			if (claimed == 1) {
				String result = action.get();
				jdbc.sql("update idempotency_key set result = :result where scope = :scope and caller = :caller and key = :key")
					.param("result", result).param("scope", scope).param("caller", caller).param("key", key)
					.update();
				return new Outcome(result, false);
			}
			Map<String, Object> row = jdbc.sql("""
					select fingerprint, result from idempotency_key where scope = :scope and caller = :caller and key = :key""")
				.param("scope", scope).param("caller", caller).param("key", key)
				.query().singleRow();
			if (!fingerprint.equals(row.get("fingerprint")) || row.get("result") == null) {
				throw new KeyReusedException();
			}
			return new Outcome((String) row.get("result"), true);
		});
	}
}
