package org.sudi.directory.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;
import org.sudi.platform.SudiProperties;

/** Checks a password and issues a signed bearer token carrying the account's unit and roles. */
@Service
public class TokenService {

	/** Compared against when the account does not exist, so the answer's timing tells nothing. */
	private final String dummyHash;

	private final Accounts accounts;
	private final PasswordEncoder passwordEncoder;
	private final JwtEncoder encoder;
	private final SudiProperties properties;
	private final Clock clock;

	TokenService(Accounts accounts, PasswordEncoder passwordEncoder, JwtEncoder encoder, SudiProperties properties,
			Clock clock) {
		this.accounts = accounts;
		this.passwordEncoder = passwordEncoder;
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
		this.dummyHash = passwordEncoder.encode(java.util.UUID.randomUUID().toString());
	}

	public record IssuedToken(String value, long expiresInSeconds) {
	}

	public Optional<IssuedToken> issue(String username, String password) {
		Optional<Account> account = accounts.findByUsername(username);
		String hash = account.map(Account::passwordHash).orElse(dummyHash);
		boolean matches = passwordEncoder.matches(password, hash);
		if (account.isEmpty() || !matches || !account.get().enabled()) {
			return Optional.empty();
		}
		Account a = account.get();
		Instant now = clock.instant();
		long ttl = properties.security().tokenTtl().toSeconds();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer("sudi")
			.subject(a.username())
			.issuedAt(now)
			.expiresAt(now.plusSeconds(ttl))
			.claim("name", a.displayName())
			.claim("roles", a.roles().stream().map(Enum::name).sorted().toList());
		if (a.orgId() != null) {
			claims.claim("org", a.orgId());
		}
		String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
		return Optional.of(new IssuedToken(token, ttl));
	}
}
