package org.sudi.directory.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins counted per account name (whether or not the account exists, so the answer tells
 * nothing about which exist) and per source address, in the database so every node sees the same
 * counts (rows locked while counting). After {@code maxFailures} failures in a row the key is locked
 * for {@code firstLock}, and every further failure doubles the lock, up to {@code maxLock}; a count
 * starts afresh after {@code resetAfter} without failures (measured from the end of the last lock).
 * While a key is locked, sign-ins are refused without looking at the password.
 */
@Component
class SignInThrottle {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final IdentityProperties.Lockout rules;

	SignInThrottle(JdbcClient jdbc, Clock clock, IdentityProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rules = properties.lockout();
	}

	static String accountKey(String username) {
		return "account:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
	}

	static String addressKey(String address) {
		return "address:" + (address == null ? "unknown" : address);
	}

	/** The later of the two keys' lock ends, if either is locked now. */
	Optional<Instant> lockedUntil(String username, String address) {
		Instant now = clock.instant();
		return jdbc.sql("select max(locked_until) from sign_in_throttle where key in (?, ?) and locked_until > ?")
			.params(accountKey(username), addressKey(address), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant))
			.single();
	}

	/** A key's lock after a failure: until when (null: not locked), and whether this failure started it. */
	record Lock(Instant until, boolean started) {

		static final Lock NONE = new Lock(null, false);
	}

	/** What one failure did to the account name's and the address's locks. */
	record Failure(Lock account, Lock address) {

		/** The later lock end, if either key is locked now. */
		Instant lockedUntil() {
			return latest(account.until(), address.until());
		}
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Failure failed(String username, String address) {
		return new Failure(fail(accountKey(username), rules.maxFailures()),
				fail(addressKey(address), rules.addressMaxFailures()));
	}

	/** A success clears the account's count (not the address's: one good account must not hide guessing at others). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void succeeded(String username) {
		jdbc.sql("delete from sign_in_throttle where key = ?").param(accountKey(username)).update();
	}

	/** An administrator lifts an account's lock (with a password reset). */
	void clear(String username) {
		jdbc.sql("delete from sign_in_throttle where key = ?").param(accountKey(username)).update();
	}

	private Lock fail(String key, int max) {
		Instant now = clock.instant();
		jdbc.sql("insert into sign_in_throttle(key) values (?) on conflict (key) do nothing").param(key).update();
		State s = jdbc.sql("select failures, last_failure_at, locked_until from sign_in_throttle where key = ? for update")
			.param(key)
			.query((rs, n) -> new State(rs.getInt(1), instant(rs.getObject(2, OffsetDateTime.class)),
					instant(rs.getObject(3, OffsetDateTime.class))))
			.single();
		if (s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
			// Locked by a concurrent failure after this attempt's check: not counted, but refused alike.
			return new Lock(s.lockedUntil(), false);
		}
		Instant quietSince = latest(s.lastFailureAt(), s.lockedUntil());
		int failures = quietSince != null && Duration.between(quietSince, now).compareTo(rules.resetAfter()) > 0 ? 1
				: s.failures() + 1;
		Instant lockedUntil = null;
		if (failures >= max) {
			Duration lock = rules.firstLock().multipliedBy(1L << Math.min(failures - max, 30));
			if (lock.compareTo(rules.maxLock()) > 0 || lock.isNegative()) {
				lock = rules.maxLock();
			}
			lockedUntil = now.plus(lock);
		}
		jdbc.sql("update sign_in_throttle set failures = ?, last_failure_at = ?, locked_until = ? where key = ?")
			.params(failures, OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
					lockedUntil == null ? s.lockedUntil() == null ? null : OffsetDateTime.ofInstant(s.lockedUntil(), ZoneOffset.UTC)
							: OffsetDateTime.ofInstant(lockedUntil, ZoneOffset.UTC), key)
			.update();
		return lockedUntil == null ? Lock.NONE : new Lock(lockedUntil, true);
	}

	private record State(int failures, Instant lastFailureAt, Instant lockedUntil) {
	}

	private static Instant instant(OffsetDateTime t) {
		return t == null ? null : t.toInstant();
	}

	private static Instant latest(Instant a, Instant b) {
		if (a == null) {
			return b;
		}
		return b == null || a.isAfter(b) ? a : b;
	}
}
