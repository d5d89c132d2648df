package org.sudi.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;
import org.sudi.platform.ProblemJson;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers written by the hardening filters before any controller runs: an RFC 9457 problem for API and
 * machine callers, Open311's own error list on {@code /open311/}, and a small page for a browser's form
 * post (which shows the message where the user is, with a way back).
 */
final class FilterResponses {

	private FilterResponses() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail, Long retryAfterSeconds) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status.value());
		if (retryAfterSeconds != null) {
			response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
		}
		response.setHeader("Connection", "close");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader("Accept") == null ? "" : request.getHeader("Accept").toLowerCase(Locale.ROOT);
		if (path.startsWith("/open311/")) {
			boolean xml = path.endsWith(".xml");
			response.setContentType(xml ? "text/xml" : "application/json");
			response.getWriter().write(xml
					? "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>" + status.value()
							+ "</code><description>" + HtmlUtils.htmlEscape(detail) + "</description></error></errors>"
					: "[{\"code\":" + status.value() + ",\"description\":\"" + ProblemJson.escape(detail) + "\"}]");
		}
		else if (!path.startsWith("/api/") && accept.contains("text/html")) {
			response.setContentType("text/html");
			String back = path.startsWith("/m") ? request.getContextPath() + "/m" : request.getContextPath() + "/login";
			response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
					+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + status.value()
					+ "</title><link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/sudi.css\"></head>"
					+ "<body><main id=\"main\"><section class=\"card narrow\" role=\"alert\"><h1>" + status.value() + " · "
					+ HtmlUtils.htmlEscape(title) + "</h1><p class=\"detail\" id=\"limit-detail\">" + HtmlUtils.htmlEscape(detail)
					+ "</p><p><a href=\"" + back + "\">返回 Back</a></p></section></main></body></html>");
		}
		else {
			ProblemJson.write(response, status, title, detail, retryAfterSeconds);
		}
		response.flushBuffer();
	}
}
