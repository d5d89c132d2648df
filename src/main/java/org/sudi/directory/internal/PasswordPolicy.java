package org.sudi.directory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.sudi.platform.InvalidInputException;

/**
 * The rules a staff password must keep (length, character classes, not the username, not one of the
 * recent ones) and its age, and the one place a password is stored.
 */
@Component
class PasswordPolicy {

	private final IdentityProperties.Password rules;
	private final JdbcClient jdbc;
	private final PasswordEncoder encoder;
	private final Clock clock;

	PasswordPolicy(IdentityProperties properties, JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
		this.rules = properties.password();
		this.jdbc = jdbc;
		this.encoder = encoder;
		this.clock = clock;
	}

	IdentityProperties.Password rules() {
		return rules;
	}

	/** @throws InvalidInputException naming the field {@code field} and the first rule broken */
	void check(String field, String username, String password) {
		if (password == null || password.length() < rules.minLength()) {
			throw new InvalidInputException(field, "must have at least " + rules.minLength() + " characters");
		}
		int classes = 0;
		classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
		classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
		classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
		if (classes < rules.minClasses()) {
			throw new InvalidInputException(field, "must mix at least " + rules.minClasses()
					+ " of: lower-case letters, upper-case letters, digits, other characters");
		}
		if (username != null && !username.isBlank()
				&& password.toLowerCase(Locale.ROOT).contains(username.strip().toLowerCase(Locale.ROOT))) {
			throw new InvalidInputException(field, "must not contain the username");
		}
	}

	/** Checks the rules and that the password is not the current one or one of the recent ones. */
	void checkNew(String field, Account account, String password) {
		check(field, account.username(), password);
		if (encoder.matches(password, account.passwordHash())) {
			throw new InvalidInputException(field, "must differ from the current password");
		}
		if (rules.history() > 0) {
			List<String> recent = jdbc.sql("select password_hash from account_password_history where account_id = ? "
					+ "order by id desc limit ?").params(account.id(), rules.history()).query(String.class).list();
			if (recent.stream().anyMatch(h -> encoder.matches(password, h))) {
				throw new InvalidInputException(field, "must differ from the last " + rules.history() + " passwords");
			}
		}
	}

	/**
	 * Stores a new password (the old hash goes to the history). {@code chosenByOwner} false: an
	 * administrator set it, and the owner must choose their own at the next sign-in.
	 */
	void store(Account account, String password, boolean chosenByOwner) {
		Instant now = clock.instant();
		jdbc.sql("insert into account_password_history(account_id, password_hash, changed_at) values (?, ?, ?)")
			.params(account.id(), account.passwordHash(), java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC)).update();
		jdbc.sql("""
				update account set password_hash = ?, password_changed_at = ?, password_must_change = ?, demo_password = false
				where id = ?""")
			.params(encoder.encode(password), java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC), !chosenByOwner, account.id()).update();
		if (rules.history() > 0) {
			jdbc.sql("""
					delete from account_password_history where account_id = ? and id not in (
					  select id from account_password_history where account_id = ? order by id desc limit ?)""")
				.params(account.id(), account.id(), rules.history()).update();
		}
	}

	/** True when the account must change its password before it may work. */
	boolean expired(Account account) {
		if (account.passwordMustChange()) {
			return true;
		}
		return rules.expires() && !account.passwordChangedAt().plus(rules.maxAge()).isAfter(clock.instant());
	}
}
