package org.sudi.casework.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** Time-ordered UUIDs (version 7 layout): new rows land at the end of the primary-key index. */
public final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	public static UUID next(Instant now) {
		long millis = now.toEpochMilli();
		long msb = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(msb, lsb);
	}
}
