package org.sudi.channel.internal;

/** An Open311 error: the HTTP status (400, 403, 404) and the description for the errors array. */
public class Open311Exception extends RuntimeException {

	private final int status;

	public Open311Exception(int status, String description) {
		super(description);
		this.status = status;
	}

	public int status() {
		return status;
	}
}
