package org.sudi.platform;

/** The thing asked for does not exist, or the caller may not know that it exists (HTTP 404). */
public class NotFoundException extends RuntimeException {

	public NotFoundException(String what, Object id) {
		super(what + " " + id + " not found");
	}
}
