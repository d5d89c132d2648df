package org.sudi.platform.internal;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Takes the bearer token from the {@code Authorization} header (RFC 6750 §2.1: {@code Bearer} in any
 * case, one space, a token68), accepting and refusing exactly what Spring Security's default resolver
 * does with its settings here (no token in query or form parameters), but with a loop over the
 * characters instead of a case-insensitive regular expression, which took ≈ 6 % of an intake
 * request's CPU on a 400-character token.
 */
final class BearerTokenHeader implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
			return null;
		}
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isToken68(authorization, SCHEME.length())) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(SCHEME.length());
	}

	/** One or more of {@code A-Z a-z 0-9 - . _ ~ + /}, then any number of {@code =}, up to the end. */
	static boolean isToken68(String s, int from) {
		int i = from;
		while (i < s.length() && isToken68Char(s.charAt(i))) {
			i++;
		}
		if (i == from) {
			return false;
		}
		while (i < s.length() && s.charAt(i) == '=') {
			i++;
		}
		return i == s.length();
	}

	private static boolean isToken68Char(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}
}
