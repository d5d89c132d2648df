package org.sudi.directory.internal;

import java.time.Clock;
import java.time.Instant;

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

	private final Accounts accounts;
	private final SignIns signIns;
	private final JwtEncoder encoder;
	private final SudiProperties properties;
	private final Clock clock;

	TokenService(Accounts accounts, SignIns signIns, JwtEncoder encoder, SudiProperties properties, Clock clock) {
		this.accounts = accounts;
		this.signIns = signIns;
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	/** What the token endpoint answers: a token, or why there is none. */
	public record Issue(SignIns.Result result, IssuedToken token) {
	}

	public record IssuedToken(String value, long expiresInSeconds) {
	}

	/**
	 * Signs in (lockout, password, second factor, password age: {@link SignIns}) and issues a token when
	 * everything checks out.
	 */
	public Issue issue(String username, String password, String totp, String newPassword, String sourceAddress) {
		SignIns.Result result = signIns.signIn(new SignIns.Attempt(username, sourceAddress, "api"), password, totp,
				newPassword);
		if (result.outcome() != SignIns.Outcome.OK) {
			return new Issue(result, null);
		}
		Account a = accounts.findByUsername(result.username()).orElseThrow();
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
		return new Issue(result, new IssuedToken(token, ttl));
	}
}
