package org.sudi.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import jakarta.servlet.http.HttpServletResponse;

/**
 * An RFC 9457 problem written straight to the response, for the filters and security handlers that
 * answer before Spring MVC (whose own problems come from {@code ProblemResponses}): one writer, one
 * escaping, whichever module's filter refuses the request.
 */
public final class ProblemJson {

	private ProblemJson() {
	}

	/** Status, {@code Retry-After} when given, and {@code {type, title, status, detail}} as problem JSON. */
	public static void write(HttpServletResponse response, HttpStatus status, String title, String detail,
			Long retryAfterSeconds) throws IOException {
		response.setStatus(status.value());
		if (retryAfterSeconds != null) {
			response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + escape(title) + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + escape(detail) + "\"}");
	}

	/** A JSON string's content: quotes, backslashes and control characters escaped. */
	public static String escape(String s) {
		StringBuilder b = new StringBuilder(s.length());
		for (char c : s.toCharArray()) {
			if (c == '"' || c == '\\') {
				b.append('\\').append(c);
			}
			else if (c < 0x20) {
				b.append(String.format("\\u%04x", (int) c));
			}
			else {
				b.append(c);
			}
		}
		return b.toString();
	}
}
