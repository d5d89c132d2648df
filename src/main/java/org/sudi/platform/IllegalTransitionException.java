package org.sudi.platform;

/** The action is not allowed in the current state (HTTP 409); the problem names the state. */
public class IllegalTransitionException extends RuntimeException {

	private final String currentStatus;

	public IllegalTransitionException(String message, Object currentStatus) {
		super(message);
		this.currentStatus = String.valueOf(currentStatus);
	}

	public String currentStatus() {
		return currentStatus;
	}
}
