package org.sudi.directory.internal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import org.springframework.stereotype.Component;

/**
 * TOTP (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through dev.samstevens.totp. Codes are judged
 * by the server's wall clock, not the platform's business clock (which tests move): the code comes from
 * a phone that keeps real time.
 */
@Component
class TotpCodes {

	static final int PERIOD = 30;
	static final int DIGITS = 6;

	private final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);
	private final DefaultSecretGenerator secrets = new DefaultSecretGenerator(32);
	private final Clock wallClock;
	private final IdentityProperties.Totp rules;

	@org.springframework.beans.factory.annotation.Autowired
	TotpCodes(IdentityProperties properties) {
		this(properties, Clock.systemUTC());
	}

	TotpCodes(IdentityProperties properties, Clock wallClock) {
		this.rules = properties.totp();
		this.wallClock = wallClock;
	}

	IdentityProperties.Totp rules() {
		return rules;
	}

	String newSecret() {
		return secrets.generate();
	}

	/** The otpauth:// URI authenticator apps read (from the QR code or typed in). */
	String uri(String secret, String username) {
		return data(secret, username).getUri();
	}

	byte[] qrPng(String secret, String username) {
		try {
			return new ZxingPngQrGenerator().generate(data(secret, username));
		}
		catch (QrGenerationException e) {
			throw new IllegalStateException(e);
		}
	}

	private QrData data(String secret, String username) {
		return new QrData.Builder().label(username).secret(secret).issuer(rules.issuer())
			.algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD).build();
	}

	/**
	 * The time step the code is right for (now, or within the allowed skew), if any; with
	 * {@code rejectReuse} only steps after {@code lastUsedStep}.
	 */
	OptionalLong match(String secret, String code, Long lastUsedStep) {
		if (secret == null || code == null) {
			return OptionalLong.empty();
		}
		String given = code.strip().replace(" ", "");
		if (!given.matches("\\d{" + DIGITS + "}")) {
			return OptionalLong.empty();
		}
		long now = Math.floorDiv(wallClock.millis() / 1000, PERIOD);
		OptionalLong found = OptionalLong.empty();
		for (long step = now - rules.allowedSkewSteps(); step <= now + rules.allowedSkewSteps(); step++) {
			if (MessageDigest.isEqual(codeAt(secret, step).getBytes(StandardCharsets.US_ASCII),
					given.getBytes(StandardCharsets.US_ASCII)) && found.isEmpty()) {
				found = OptionalLong.of(step);
			}
		}
		if (found.isPresent() && rules.rejectReuse() && lastUsedStep != null && found.getAsLong() <= lastUsedStep) {
			return OptionalLong.empty();
		}
		return found;
	}

	String codeAt(String secret, long step) {
		try {
			return generator.generate(secret, step);
		}
		catch (CodeGenerationException e) {
			throw new IllegalStateException(e);
		}
	}
}
