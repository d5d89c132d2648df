package org.sudi.directory.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.InvalidInputException;

/**
 * Every staff sign-in goes through here, from the console's form and steps and from the API's token
 * endpoint (ADR 0026): the lockout with back-off, the password, the TOTP second factor (required for
 * the roles {@code sudi.security.totp.required-roles}, optional for others), the password's age, and
 * the audit records of all of it.
 */
@Service
public class SignIns {

	/** Where a sign-in stands. */
	public enum Outcome {
		/** Signed in. */
		OK,
		/** Wrong username, password or code (counted towards the lockout). */
		FAILED,
		/** Too many failures: refused until {@link Result#lockedUntil()}. */
		LOCKED,
		/** The password was right; the account's second factor is needed. */
		TOTP_REQUIRED,
		/** The password was right; the account's role needs a second factor it has not enrolled yet. */
		TOTP_ENROLMENT_REQUIRED,
		/** Everything was right, but the password has expired (or was set by an administrator). */
		PASSWORD_EXPIRED
	}

	public record Result(Outcome outcome, Instant lockedUntil, String username) {
		static Result of(Outcome outcome, String username) {
			return new Result(outcome, null, username);
		}
	}

	/** Where the attempt came from, for the audit log and the lockout per address. */
	public record Attempt(String username, String sourceAddress, String channel) {
	}

	private final Accounts accounts;
	private final PasswordEncoder encoder;
	private final PasswordPolicy passwords;
	private final SignInThrottle throttle;
	private final TotpCodes totp;
	private final AuditTrail audit;
	private final JdbcClient jdbc;
	private final String dummyHash;

	SignIns(Accounts accounts, PasswordEncoder encoder, PasswordPolicy passwords, SignInThrottle throttle,
			TotpCodes totp, AuditTrail audit, JdbcClient jdbc) {
		this.accounts = accounts;
		this.encoder = encoder;
		this.passwords = passwords;
		this.throttle = throttle;
		this.totp = totp;
		this.audit = audit;
		this.jdbc = jdbc;
		this.dummyHash = encoder.encode(UUID.randomUUID().toString());
	}

	/**
	 * Checks a password and, when given, a TOTP code and a new password (the API does it in one call;
	 * the console's form gives the password only and asks for the rest in steps).
	 */
	public Result signIn(Attempt attempt, String password, String code, String newPassword) {
		String username = attempt.username() == null ? "" : attempt.username().strip();
		Optional<Instant> locked = throttle.lockedUntil(username, attempt.sourceAddress());
		if (locked.isPresent()) {
			audit.record(AuditKind.SIGN_IN_FAILED, username, username, attempt.channel() + ": refused, locked until "
					+ locked.get());
			return new Result(Outcome.LOCKED, locked.get(), username);
		}
		Optional<Account> found = username.isEmpty() ? Optional.empty() : accounts.findByUsername(username);
		boolean matches = encoder.matches(password == null ? "" : password,
				found.map(Account::passwordHash).orElse(dummyHash));
		if (found.isEmpty() || !matches || !found.get().enabled()) {
			return failed(attempt, username, "wrong username or password");
		}
		Account account = found.get();
		if (account.hasSecondFactor()) {
			if (code == null || code.isBlank()) {
				return Result.of(Outcome.TOTP_REQUIRED, username);
			}
			Result second = checkCode(attempt, account, code);
			if (second != null) {
				return second;
			}
		}
		else if (totp.rules().requiredFor(account.roles())) {
			return Result.of(Outcome.TOTP_ENROLMENT_REQUIRED, username);
		}
		return afterSecondFactor(attempt, account, newPassword);
	}

	/** The console's second step: the TOTP code, after the password was right. */
	public Result secondFactor(Attempt attempt, String code) {
		Account account = require(attempt.username());
		Optional<Instant> locked = throttle.lockedUntil(account.username(), attempt.sourceAddress());
		if (locked.isPresent()) {
			return new Result(Outcome.LOCKED, locked.get(), account.username());
		}
		Result second = checkCode(attempt, account, code);
		return second != null ? second : afterSecondFactor(attempt, account, null);
	}

	/**
	 * Enrols a second factor: the secret the owner's app was given, confirmed by a code from it. Used by
	 * the sign-in step (enrolment required) and by the owner's account page.
	 * @throws InvalidInputException when the code does not fit the secret
	 */
	@Transactional
	public void enrol(Attempt attempt, String secret, String code) {
		Account account = require(attempt.username());
		OptionalLong step = totp.match(secret, code, null);
		if (step.isEmpty()) {
			throw new InvalidInputException("code", "does not match: check the phone's time and type the current code");
		}
		jdbc.sql("update account set totp_secret = ?, totp_last_step = ? where id = ?")
			.params(secret, step.getAsLong(), account.id()).update();
		audit.record(AuditKind.SECOND_FACTOR_CHANGED, account.username(), account.username(),
				"authenticator app enrolled (" + attempt.channel() + ")");
	}

	/** After an enrolment during sign-in: the password's age is the last thing checked. */
	public Result afterEnrolment(Attempt attempt) {
		return afterSecondFactor(attempt, require(attempt.username()), null);
	}

	/**
	 * The owner turns the second factor off (not allowed for roles that require it).
	 * @throws InvalidInputException when the role requires it
	 */
	@Transactional
	public void removeSecondFactor(String actorUsername, String username) {
		Account account = require(username);
		if (actorUsername.equals(username) && totp.rules().requiredFor(account.roles())) {
			throw new InvalidInputException("totp", "your role must sign in with a second factor");
		}
		jdbc.sql("update account set totp_secret = null, totp_last_step = null where id = ?").param(account.id()).update();
		audit.record(AuditKind.SECOND_FACTOR_CHANGED, actorUsername, username, "authenticator app removed");
	}

	/**
	 * The owner chooses a new password: during sign-in (expired) or on their account page.
	 * @throws InvalidInputException when the current password is wrong or the new one breaks a rule
	 */
	@Transactional
	public void changePassword(Attempt attempt, String current, String newPassword) {
		Account account = require(attempt.username());
		if (current != null && !encoder.matches(current, account.passwordHash())) {
			throw new InvalidInputException("currentPassword", "is not your current password");
		}
		passwords.checkNew("newPassword", account, newPassword);
		passwords.store(account, newPassword, true);
		audit.record(AuditKind.PASSWORD_CHANGED, account.username(), account.username(),
				"changed by the owner (" + attempt.channel() + ")");
	}

	/** For the console's password step: the sign-in is complete once the new password is stored. */
	public Result completeAfterPasswordChange(Attempt attempt) {
		Account account = require(attempt.username());
		return succeeded(attempt, account);
	}

	/** True when the account must change its password before it may work. */
	public boolean passwordExpired(String username) {
		return passwords.expired(require(username));
	}

	public String newTotpSecret() {
		return totp.newSecret();
	}

	public String totpUri(String secret, String username) {
		return totp.uri(secret, username);
	}

	public byte[] totpQr(String secret, String username) {
		return totp.qrPng(secret, username);
	}

	public boolean hasSecondFactor(String username) {
		return require(username).hasSecondFactor();
	}

	public boolean secondFactorRequired(String username) {
		return totp.rules().requiredFor(require(username).roles());
	}

	public IdentityProperties.Password passwordRules() {
		return passwords.rules();
	}

	private Result afterSecondFactor(Attempt attempt, Account account, String newPassword) {
		if (passwords.expired(account)) {
			if (newPassword == null) {
				return Result.of(Outcome.PASSWORD_EXPIRED, account.username());
			}
			changePassword(attempt, null, newPassword);
		}
		return succeeded(attempt, account);
	}

	/** A wrong code counts as a failure; a right one is used up (with reuse rejection on). */
	private Result checkCode(Attempt attempt, Account account, String code) {
		OptionalLong step = totp.match(account.totpSecret(), code, account.totpLastStep());
		if (step.isEmpty()) {
			return failed(attempt, account.username(), "wrong or reused one-time code");
		}
		int updated = jdbc.sql("update account set totp_last_step = ? where id = ? "
				+ "and (totp_last_step is null or totp_last_step < ? or not ?)")
			.params(step.getAsLong(), account.id(), step.getAsLong(), totp.rules().rejectReuse()).update();
		if (updated == 0) {
			return failed(attempt, account.username(), "reused one-time code");
		}
		return null;
	}

	private Result succeeded(Attempt attempt, Account account) {
		throttle.succeeded(account.username());
		audit.record(AuditKind.SIGN_IN, account.username(), account.username(), attempt.channel());
		return Result.of(Outcome.OK, account.username());
	}

	private Result failed(Attempt attempt, String username, String why) {
		SignInThrottle.Failure failure = throttle.failed(username, attempt.sourceAddress());
		audit.record(AuditKind.SIGN_IN_FAILED, username, username, attempt.channel() + ": " + why);
		if (failure.account().started()) {
			audit.record(AuditKind.ACCOUNT_LOCKED, "system", "account:" + username,
					"locked until " + failure.account().until() + " after repeated failures");
		}
		if (failure.address().started()) {
			audit.record(AuditKind.ACCOUNT_LOCKED, "system", "address:" + attempt.sourceAddress(),
					"sign-ins from this address locked until " + failure.address().until());
		}
		Instant until = failure.lockedUntil();
		return until != null ? new Result(Outcome.LOCKED, until, username) : Result.of(Outcome.FAILED, username);
	}

	private Account require(String username) {
		return accounts.findByUsername(username == null ? "" : username.strip())
			.orElseThrow(() -> new InvalidInputException("username", "no such account"));
	}

	static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}
}
