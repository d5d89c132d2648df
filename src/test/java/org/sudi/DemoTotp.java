package org.sudi;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;

/**
 * The current TOTP code of the demo administrator (its documented demo secret, README): what the
 * admin's authenticator app would show now. The server judges codes by the wall clock, not the
 * platform's (movable) clock, so tests that travel in time still sign in.
 */
public final class DemoTotp {

	/** The demo administrator's secret (demo mode only; {@code sudi.security.totp.demo-secret}). */
	public static final String ADMIN_SECRET = "SUDIDEMOADMINTOTPSECRETKEY234567";

	private DemoTotp() {
	}

	/** The code of the demo admin if {@code username} is "admin", else null (no second factor). */
	public static String codeFor(String username) {
		return "admin".equals(username) ? code(ADMIN_SECRET) : null;
	}

	public static String code(String secret) {
		return code(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30));
	}

	public static String code(String secret, long step) {
		try {
			return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
		}
		catch (CodeGenerationException e) {
			throw new IllegalStateException(e);
		}
	}
}
