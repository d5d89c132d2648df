package org.sudi.directory.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.sudi.directory.Actor;

/**
 * The console's session sign-ins: the principal is the account's {@link Actor} (its name the username).
 * A complete sign-in has the {@code ROLE_*} authorities; one that still owes a step (second factor,
 * enrolment, new password) has only that step's authority, and {@code ActorResolver} and the
 * {@code SignInStepGate} treat it as not signed in except on the step's page.
 */
public final class ConsoleAuthentications {

	private ConsoleAuthentications() {
	}

	/** A step the sign-in still owes, with its page. */
	public enum Step {
		TOTP("/console/sign-in/totp"), TOTP_ENROLMENT("/console/sign-in/enrol"), PASSWORD_CHANGE("/console/sign-in/password");

		private final String path;

		Step(String path) {
			this.path = path;
		}

		public String path() {
			return path;
		}

		String authority() {
			return "SIGN_IN_STEP_" + name();
		}
	}

	public static Authentication complete(Actor actor) {
		return new SignedIn(actor, actor.roles().stream()
			.<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
	}

	public static Authentication pending(Actor actor, Step step) {
		return new SignedIn(actor, List.of(new SimpleGrantedAuthority(step.authority())));
	}

	/** The step an authentication still owes; empty for a complete one (or none). */
	public static Optional<Step> stepOf(Authentication authentication) {
		if (authentication == null) {
			return Optional.empty();
		}
		for (GrantedAuthority a : authentication.getAuthorities()) {
			for (Step s : Step.values()) {
				if (s.authority().equals(a.getAuthority())) {
					return Optional.of(s);
				}
			}
		}
		return Optional.empty();
	}

	/** The step an outcome of {@link SignIns} leads to; empty when it signed in. */
	public static Optional<Step> stepFor(SignIns.Outcome outcome) {
		return switch (outcome) {
			case TOTP_REQUIRED -> Optional.of(Step.TOTP);
			case TOTP_ENROLMENT_REQUIRED -> Optional.of(Step.TOTP_ENROLMENT);
			case PASSWORD_EXPIRED -> Optional.of(Step.PASSWORD_CHANGE);
			default -> Optional.empty();
		};
	}

	/** A session sign-in whose principal is the {@link Actor} and whose name is its username. */
	static final class SignedIn extends UsernamePasswordAuthenticationToken {

		private static final long serialVersionUID = 1L;

		SignedIn(Actor actor, List<GrantedAuthority> authorities) {
			super(actor, null, authorities);
		}

		@Override
		public String getName() {
			return ((Actor) getPrincipal()).username();
		}
	}
}
