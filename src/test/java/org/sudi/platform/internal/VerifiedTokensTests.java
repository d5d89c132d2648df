package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.sudi.MutableClock;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

/** The remembered bearer tokens answer as the plain decoder does, only without verifying twice. */
class VerifiedTokensTests {

	private final SecretKey key = new SecretKeySpec(new byte[32], "HmacSHA256");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T08:00:00Z"), ZoneId.of("Asia/Shanghai"));

	private final AtomicInteger verifications = new AtomicInteger();

	private VerifiedTokens decoder(int capacity) {
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		nimbus.setJwtValidator(timestamps);
		JwtDecoder counting = token -> {
			verifications.incrementAndGet();
			return nimbus.decode(token);
		};
		return new VerifiedTokens(counting, timestamps, clock, capacity);
	}

	private String token(String subject, Instant expiresAt, SecretKey signingKey) {
		JwtClaimsSet claims = JwtClaimsSet.builder().subject(subject).issuedAt(clock.instant()).expiresAt(expiresAt)
			.claim("roles", List.of("HOTLINE")).build();
		return new NimbusJwtEncoder(new ImmutableSecret<>(signingKey))
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
			.getTokenValue();
	}

	@Test
	void aTokenUsedAgainIsVerifiedOnceAndGivesTheSameClaims() {
		VerifiedTokens tokens = decoder(10);
		String t = token("hotline", clock.instant().plusSeconds(3600), key);

		Jwt first = tokens.decode(t);
		Jwt second = tokens.decode(t);

		assertThat(second.getSubject()).isEqualTo("hotline");
		assertThat(second.getClaimAsStringList("roles")).containsExactly("HOTLINE");
		assertThat(second).isEqualTo(first);
		assertThat(verifications).hasValue(1);
	}

	@Test
	void aRememberedTokenIsRejectedOnceItHasExpired() {
		VerifiedTokens tokens = decoder(10);
		String t = token("hotline", clock.instant().plusSeconds(60), key);
		tokens.decode(t);

		clock.advance(Duration.ofSeconds(61));

		assertThatThrownBy(() -> tokens.decode(t)).isInstanceOf(JwtValidationException.class)
			.hasMessageContaining("expired");
		assertThat(tokens.size()).isZero();
	}

	@Test
	void aTokenSignedWithAnotherKeyIsRejectedEveryTime() {
		VerifiedTokens tokens = decoder(10);
		String forged = token("admin", clock.instant().plusSeconds(3600), new SecretKeySpec(new byte[] {
				1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
				30, 31, 32 }, "HmacSHA256"));

		assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
		assertThat(tokens.size()).isZero();
	}

	@Test
	void anAlteredCopyOfARememberedTokenIsNotTakenForIt() {
		VerifiedTokens tokens = decoder(10);
		String t = token("hotline", clock.instant().plusSeconds(3600), key);
		tokens.decode(t);
		String altered = t.substring(0, t.length() - 2) + (t.endsWith("AA") ? "AB" : "AA");

		assertThatThrownBy(() -> tokens.decode(altered)).isInstanceOf(JwtException.class);
	}

	@Test
	void theMemoryStaysWithinItsBound() {
		VerifiedTokens tokens = decoder(3);
		for (int i = 0; i < 10; i++) {
			tokens.decode(token("user" + i, clock.instant().plusSeconds(3600), key));
			assertThat(tokens.size()).isLessThanOrEqualTo(3);
		}
	}
}
