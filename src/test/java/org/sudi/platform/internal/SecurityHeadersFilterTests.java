package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The CSP's img-src follows the configured map tiles, and only them (ADR 0030). */
class SecurityHeadersFilterTests {

	@Test
	@DisplayName("a tile URL template becomes its origin in img-src ({s} subdomains as a wildcard)")
	void tileOrigins() {
		assertThat(SecurityHeadersFilter.tileOrigin("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"))
			.isEqualTo("https://*.tile.openstreetmap.org");
		assertThat(SecurityHeadersFilter.tileOrigin("http://tiles.example.gov.cn:8081/wmts/{z}/{x}/{y}.png"))
			.isEqualTo("http://tiles.example.gov.cn:8081");
		assertThat(SecurityHeadersFilter.tileOrigin("")).isNull();
		assertThat(SecurityHeadersFilter.tileOrigin("not a url")).isNull();
	}

	@Test
	@DisplayName("img-src holds 'self', data:, the tile origin and the configured extras; nothing else is relaxed")
	void policy() {
		var properties = new WebHardeningProperties(null, List.of("https://img.example.cn"), null, null, null);
		String policy = new SecurityHeadersFilter(properties, "https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
			.policyFor("/console");
		assertThat(policy).contains("img-src 'self' data: blob: https://*.tiles.example.cn https://img.example.cn;")
			.contains("script-src 'self';").contains("style-src 'self';").doesNotContain("unsafe");
		assertThat(new SecurityHeadersFilter(properties, null).policyFor("/swagger-ui/index.html"))
			.contains("style-src 'self' 'unsafe-inline'").contains("script-src 'self';");
	}
}
