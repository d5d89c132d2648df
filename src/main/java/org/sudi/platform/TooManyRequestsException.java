package org.sudi.platform;

/** A rate limit was hit (HTTP 429, with Retry-After). */
public class TooManyRequestsException extends RuntimeException {

	private final long retryAfterSeconds;

	public TooManyRequestsException(long retryAfterSeconds) {
		super("Too many requests; try again in " + retryAfterSeconds + " s (请求过于频繁，请 " + retryAfterSeconds
				+ " 秒后再试)");
		this.retryAfterSeconds = retryAfterSeconds;
	}

	public long retryAfterSeconds() {
		return retryAfterSeconds;
	}
}
