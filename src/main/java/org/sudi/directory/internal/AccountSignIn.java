package org.sudi.directory.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.sudi.directory.Actor;

/**
 * Session sign-in (the console's form login) against the directory's accounts. The principal of the
 * resulting authentication is the account's {@link Actor}, which controllers take as a parameter;
 * roles become {@code ROLE_*} authorities. A disabled account and a wrong password fail alike.
 */
@Component
class AccountSignIn implements AuthenticationProvider {

	private final Accounts accounts;
	private final PasswordEncoder passwordEncoder;
	/** Compared against when the account does not exist, so the answer's timing tells nothing. */
	private final String dummyHash;

	AccountSignIn(Accounts accounts, PasswordEncoder passwordEncoder) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.dummyHash = passwordEncoder.encode(UUID.randomUUID().toString());
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String username = authentication.getName() == null ? "" : authentication.getName().strip();
		String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
		Optional<Account> account = username.isEmpty() ? Optional.empty() : accounts.findByUsername(username);
		boolean matches = passwordEncoder.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
		if (account.isEmpty() || !matches || !account.get().enabled()) {
			throw new BadCredentialsException("Wrong username or password");
		}
		Actor actor = account.get().asActor();
		List<GrantedAuthority> authorities = actor.roles().stream()
			.<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
			.toList();
		return new SignedIn(actor, authorities);
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

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
