package org.sudi.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.sudi.platform.ProblemJson;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a database outage that surfaces before any controller (the session lookup of
 * the console and the portal, sessions being kept in PostgreSQL) is answered 503 with Retry-After like
 * the controllers' own failures (see {@link ProblemResponses}), instead of a 500 from the error page.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException | IOException e) {
			if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
				throw e;
			}
			log.warn("Database unavailable before a controller ran: {}", e.getMessage());
			response.resetBuffer();
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			if (request.getRequestURI().startsWith("/api/") || request.getRequestURI().startsWith("/open311/")) {
				ProblemJson.write(response, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
						"The service is briefly unavailable; what you sent was not saved. Please try again shortly.", null);
			}
			else {
				response.setContentType("text/html");
				response.getWriter().write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
						+ "<meta http-equiv=\"refresh\" content=\"" + DatabaseUnavailable.RETRY_AFTER_SECONDS + "\">"
						+ "<title>系统暂时不可用 · Briefly unavailable</title></head><body>"
						+ "<h1>系统暂时不可用，您刚才提交的内容未保存，请稍后重试</h1>"
						+ "<p lang=\"en\">The service is briefly unavailable; what you just sent was not saved. "
						+ "Please try again shortly.</p></body></html>");
			}
		}
	}
}
