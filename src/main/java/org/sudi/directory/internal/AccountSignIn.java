package org.sudi.directory.internal;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.sudi.directory.Actor;

/**
 * Session sign-in (the console's form login) against the directory's accounts, through {@link SignIns}
 * (lockout, password, second factor, password age). A right password gives a complete sign-in, or one
 * that still owes a step ({@link ConsoleAuthentications}); a disabled account and a wrong password fail
 * alike; a locked account or address fails with {@link LockedException}.
 */
@Component
class AccountSignIn implements AuthenticationProvider {

	private final SignIns signIns;
	private final Accounts accounts;

	AccountSignIn(SignIns signIns, Accounts accounts) {
		this.signIns = signIns;
		this.accounts = accounts;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName() == null ? "" : authentication.getName().strip();
		String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
		SignIns.Result result = signIns.signIn(new SignIns.Attempt(username, address, "console"), password, null, null);
		if (result.outcome() == SignIns.Outcome.LOCKED) {
			throw new LockedException("Too many failed sign-ins: try again after " + result.lockedUntil());
		}
		if (result.outcome() == SignIns.Outcome.FAILED) {
			throw new BadCredentialsException("Wrong username or password");
		}
		Actor actor = accounts.findByUsername(result.username()).orElseThrow().asActor();
		return ConsoleAuthentications.stepFor(result.outcome())
			.map(step -> ConsoleAuthentications.pending(actor, step))
			.orElseGet(() -> ConsoleAuthentications.complete(actor));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
