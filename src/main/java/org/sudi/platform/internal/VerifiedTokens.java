package org.sudi.platform.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the bearer tokens whose signature it has verified, keyed by the
 * whole token string, so a client sending the same token again is not parsed and verified again (JSON
 * parsing and the HMAC were ≈ 7 % of an intake request's CPU). What is judged at every use is judged at
 * every use: the token's timestamps go through the same validator on each hit, with the platform's
 * clock, and a remembered token is never answered from memory at or after its expiry. A token without
 * an expiry is never remembered. The memory is bounded: when it is full, expired entries are dropped,
 * and if that frees nothing it starts afresh. Any failure is left to the delegate, so rejected tokens
 * get exactly the answer they got before.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder delegate;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Clock clock;

	private final int capacity;

	private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

	/**
	 * @param delegate verifies the signature and runs {@code validator}
	 * @param validator what the delegate validates with, run again on every remembered token
	 */
	VerifiedTokens(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, Clock clock, int capacity) {
		this.delegate = delegate;
		this.validator = validator;
		this.clock = clock;
		this.capacity = capacity;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = verified.get(token);
		if (known != null) {
			if (clock.instant().isBefore(known.getExpiresAt()) && !validator.validate(known).hasErrors()) {
				return known;
			}
			verified.remove(token, known);
		}
		Jwt jwt = delegate.decode(token);
		if (jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt())) {
			if (verified.size() >= capacity) {
				makeRoom();
			}
			verified.put(token, jwt);
		}
		return jwt;
	}

	private void makeRoom() {
		Instant now = clock.instant();
		verified.values().removeIf(j -> !now.isBefore(j.getExpiresAt()));
		if (verified.size() >= capacity) {
			verified.clear();
		}
	}

	/** How many tokens are remembered (for tests). */
	int size() {
		return verified.size();
	}
}
