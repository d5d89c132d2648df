package org.sudi.platform;

import java.util.Map;

/** The input breaks a rule; {@code fields} names the offending fields (HTTP 400). */
public class InvalidInputException extends RuntimeException {

	private final Map<String, String> fields;

	public InvalidInputException(String field, String message) {
		this(message, Map.of(field, message));
	}

	public InvalidInputException(String message, Map<String, String> fields) {
		super(message);
		this.fields = Map.copyOf(fields);
	}

	public Map<String, String> fields() {
		return fields;
	}
}
