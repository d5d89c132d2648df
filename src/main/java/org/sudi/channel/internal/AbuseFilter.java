package org.sudi.channel.internal;

import java.io.IOException;
import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.sudi.platform.LimitedBodyRequest;
import org.sudi.platform.ProblemJson;
import org.sudi.platform.RateLimiter;
import org.sudi.platform.TooManyRequestsException;

/**
 * The first line on every public entry of the channel module (the portal, WeChat, Open311, 110):
 * requests per IP per minute, and the size of the body (413 before anything reads it; multipart
 * uploads may be larger). It runs inside each channel filter chain, before authentication.
 */
public class AbuseFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;
	private final ChannelProperties.Limits limits;
	private final String area;

	public AbuseFilter(RateLimiter limiter, ChannelProperties properties, String area) {
		this.limiter = limiter;
		this.limits = properties.limits();
		this.area = area;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
		long max = multipart ? limits.maxUpload().toBytes() : limits.maxBody().toBytes();
		long length = request.getContentLengthLong();
		if (length > max) {
			ProblemJson.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large",
					"The request body is larger than " + (max / 1024) + " KB (请求内容过大)", null);
			return;
		}
		try {
			limiter.consume("ip:" + ClientAddress.of(request) + ":" + area, limits.perIpPerMinute(), Duration.ofMinutes(1));
		}
		catch (TooManyRequestsException e) {
			ProblemJson.write(response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(), e.retryAfterSeconds());
			return;
		}
		chain.doFilter(length < 0 && !multipart ? new LimitedBodyRequest(request, max) : request, response);
	}
}
