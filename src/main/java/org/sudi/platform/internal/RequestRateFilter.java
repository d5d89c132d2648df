package org.sudi.platform.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.sudi.platform.RateLimiter;
import org.sudi.platform.TooManyRequestsException;
import org.sudi.platform.internal.WebHardeningProperties.RateRule;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Requests per source address on the entries people hammer: console sign-in, token issue, SMS codes,
 * public submission, Open311 POST (the rules in {@code sudi.web.rate-limits}, ADR 0030). Counted in the
 * platform's {@link RateLimiter} (token buckets in this node's memory), before any filter chain, so a
 * flood never reaches the password check or the database. Over the limit: 429 with Retry-After and a
 * problem body (Open311's error list on its paths; a short page for a browser's form post). The
 * address is the servlet container's remote address: behind nginx, {@code server.forward-headers-strategy}
 * makes it the client's (from trusted proxies only). Per-account limits and lockout live elsewhere.
 */
class RequestRateFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final Map<String, RateRule> rules;
	private final AntPathMatcher matcher = new AntPathMatcher();

	RequestRateFilter(RateLimiter limiter, WebHardeningProperties properties) {
		this.limiter = limiter;
		this.rules = properties.rateLimits();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		for (var entry : rules.entrySet()) {
			RateRule rule = entry.getValue();
			if (rule.capacity() > 0 && rule.method().equals(request.getMethod()) && matches(rule.paths(), path)) {
				try {
					limiter.consume("rule:" + entry.getKey() + ":" + request.getRemoteAddr(), rule.capacity(),
							rule.period());
				}
				catch (TooManyRequestsException e) {
					FilterResponses.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
							e.getMessage(), e.retryAfterSeconds());
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private boolean matches(List<String> patterns, String path) {
		for (String pattern : patterns) {
			if (matcher.match(pattern, path)) {
				return true;
			}
		}
		return false;
	}
}
