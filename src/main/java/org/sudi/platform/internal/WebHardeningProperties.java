package org.sudi.platform.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Web hardening settings ({@code sudi.web.*}, ADR 0030): response headers, body size limits and the
 * per-address request rates.
 *
 * @param hstsMaxAge how long browsers keep to HTTPS (Strict-Transport-Security, sent only on requests that
 * came over TLS, also via the proxy's X-Forwarded-Proto)
 * @param imgSources extra {@code img-src} sources of the Content-Security-Policy (e.g. a tile server); the
 * origin of {@code sudi.channel.map.tile-url} is added on its own
 * @param maxBody largest JSON (or other non-form, non-multipart) request body
 * @param maxFormBody largest {@code application/x-www-form-urlencoded} body
 * @param rateLimits named request-rate rules, each counted per source address
 */
@ConfigurationProperties("sudi.web")
record WebHardeningProperties(Duration hstsMaxAge, List<String> imgSources, DataSize maxBody, DataSize maxFormBody,
		Map<String, RateRule> rateLimits) {

	WebHardeningProperties {
		hstsMaxAge = hstsMaxAge == null ? Duration.ofDays(365) : hstsMaxAge;
		imgSources = imgSources == null ? List.of() : List.copyOf(imgSources);
		maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
		maxFormBody = maxFormBody == null ? DataSize.ofMegabytes(1) : maxFormBody;
		rateLimits = rateLimits == null ? Map.of() : new LinkedHashMap<>(rateLimits);
	}

	/**
	 * At most {@code capacity} requests per {@code period} from one address to the {@code paths} (Ant
	 * patterns) with {@code method}; {@code capacity} 0 switches the rule off.
	 */
	record RateRule(String method, List<String> paths, int capacity, Duration period) {
		RateRule {
			method = method == null ? "POST" : method.toUpperCase();
			paths = paths == null ? List.of() : List.copyOf(paths);
			period = period == null ? Duration.ofMinutes(1) : period;
		}
	}
}
