package org.sudi.platform.internal;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every response, before any filter chain runs (so they are on error pages,
 * 401s, 413s and 429s too): a strict Content-Security-Policy (no inline script or style, no plugins, no
 * framing, forms only to this origin), Strict-Transport-Security on requests that came over TLS,
 * X-Content-Type-Options, X-Frame-Options, Referrer-Policy and Permissions-Policy (ADR 0030). Swagger
 * UI gets a policy that also allows its inline styles and data: images.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CSP = "Content-Security-Policy";

	private final String strictPolicy;
	private final String swaggerPolicy;
	private final String hsts;

	SecurityHeadersFilter(WebHardeningProperties properties, String tileUrl) {
		Set<String> img = new LinkedHashSet<>();
		img.add("'self'");
		img.add("data:");
		img.add("blob:");
		String tiles = tileOrigin(tileUrl);
		if (tiles != null) {
			img.add(tiles);
		}
		img.addAll(properties.imgSources());
		String common = "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'; "
				+ "connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'";
		this.strictPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src " + String.join(" ", img)
				+ "; " + common;
		this.swaggerPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
				+ "img-src 'self' data:; " + common;
		this.hsts = "max-age=" + properties.hstsMaxAge().toSeconds() + "; includeSubDomains";
	}

	/** {@code https://{s}.tile.example.org/{z}/{x}/{y}.png} → {@code https://*.tile.example.org}. */
	static String tileOrigin(String tileUrl) {
		if (!StringUtils.hasText(tileUrl)) {
			return null;
		}
		try {
			URI uri = URI.create(tileUrl.replaceAll("\\{[a-z]}\\.", "sub.").replaceAll("\\{[^}]*}", "0"));
			if (uri.getScheme() == null || uri.getHost() == null) {
				return null;
			}
			String host = tileUrl.contains("{s}.") ? "*." + uri.getHost().substring("sub.".length()) : uri.getHost();
			return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	String policyFor(String path) {
		return path.startsWith("/swagger-ui") ? swaggerPolicy : strictPolicy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader(CSP, policyFor(path));
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "same-origin");
		response.setHeader("Permissions-Policy",
				"camera=(), microphone=(), geolocation=(self), payment=(), usb=(), serial=(), bluetooth=()");
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", hsts);
		}
		chain.doFilter(request, response);
	}
}
