package org.sudi.directory.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.sudi.directory.Role;

/**
 * The identity controls for staff accounts ({@code sudi.security.*} in application.yml; ADR 0026 and
 * docs/identity.md): password rules and age, the sign-in lockout, and the TOTP second factor.
 */
@ConfigurationProperties("sudi.security")
public record IdentityProperties(Password password, Lockout lockout, Totp totp) {

	public IdentityProperties {
		password = password == null ? new Password(null, null, null, null) : password;
		lockout = lockout == null ? new Lockout(null, null, null, null, null) : lockout;
		totp = totp == null ? new Totp(null, null, null, null, null) : totp;
	}

	/**
	 * @param minLength at least this many characters (12)
	 * @param minClasses of lower-case letters, upper-case letters, digits and other characters (3)
	 * @param history a new password differs from the current one and this many before it (5)
	 * @param maxAge after this long a password must be changed at the next sign-in; 0: never (90 days)
	 */
	public record Password(Integer minLength, Integer minClasses, Integer history, Duration maxAge) {
		public Password {
			minLength = minLength == null || minLength <= 0 ? 12 : minLength;
			minClasses = minClasses == null || minClasses <= 0 ? 3 : Math.min(minClasses, 4);
			history = history == null || history < 0 ? 5 : history;
			maxAge = maxAge == null ? Duration.ofDays(90) : maxAge;
		}

		boolean expires() {
			return !maxAge.isZero() && !maxAge.isNegative();
		}
	}

	/**
	 * @param maxFailures failed sign-ins to one account name before it is locked (5)
	 * @param addressMaxFailures failed sign-ins from one source address before it is locked (30)
	 * @param firstLock the first lock's length; each further failure doubles it (1 minute)
	 * @param maxLock the longest lock (1 hour)
	 * @param resetAfter a count starts afresh after this long without failures and locks (1 hour)
	 */
	public record Lockout(Integer maxFailures, Integer addressMaxFailures, Duration firstLock, Duration maxLock,
			Duration resetAfter) {
		public Lockout {
			maxFailures = maxFailures == null || maxFailures <= 0 ? 5 : maxFailures;
			addressMaxFailures = addressMaxFailures == null || addressMaxFailures <= 0 ? 30 : addressMaxFailures;
			firstLock = firstLock == null ? Duration.ofMinutes(1) : firstLock;
			maxLock = maxLock == null ? Duration.ofHours(1) : maxLock;
			resetAfter = resetAfter == null ? Duration.ofHours(1) : resetAfter;
		}
	}

	/**
	 * @param requiredRoles accounts with any of these roles must sign in with a second factor (ADMIN)
	 * @param issuer the name authenticator apps show
	 * @param allowedSkewSteps codes of this many 30-second steps before or after now are accepted too (1)
	 * @param rejectReuse a code is accepted once only (true; the shared test configuration turns it off)
	 * @param demoSecret demo mode only: the demo administrator's TOTP secret (Base32), documented in the README
	 */
	public record Totp(Set<Role> requiredRoles, String issuer, Integer allowedSkewSteps, Boolean rejectReuse,
			String demoSecret) {
		public Totp {
			requiredRoles = requiredRoles == null ? EnumSet.of(Role.ADMIN) : Set.copyOf(requiredRoles);
			issuer = issuer == null || issuer.isBlank() ? "Sudi" : issuer;
			allowedSkewSteps = allowedSkewSteps == null || allowedSkewSteps < 0 ? 1 : allowedSkewSteps;
			rejectReuse = rejectReuse == null ? Boolean.TRUE : rejectReuse;
			demoSecret = demoSecret == null || demoSecret.isBlank() ? DEMO_SECRET : demoSecret;
		}

		boolean requiredFor(Set<Role> roles) {
			return roles.stream().anyMatch(requiredRoles::contains);
		}
	}

	/** The demo administrator's TOTP secret (demo mode only; README): Base32, 160 bits. */
	public static final String DEMO_SECRET = "SUDIDEMOADMINTOTPSECRETKEY234567";
}
