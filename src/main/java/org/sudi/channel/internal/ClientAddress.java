package org.sudi.channel.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The caller's IP as the servlet container sees it. Behind a reverse proxy, set
 * {@code server.forward-headers-strategy=native} so the container takes it from the proxy's
 * X-Forwarded-For; a client-sent header is never trusted here.
 */
public final class ClientAddress {

	private ClientAddress() {
	}

	public static String of(HttpServletRequest request) {
		return request.getRemoteAddr();
	}
}
