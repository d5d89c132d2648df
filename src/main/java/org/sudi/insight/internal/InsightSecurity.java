package org.sudi.insight.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The insight pages that need no sign-in: the public page and its data, and the shells of the screen
 * and watch pages (which hold no data; they call the bearer-token API). Placed before the platform's
 * chains with a matcher that names exactly these paths.
 */
@Configuration(proxyBeanMethods = false)
class InsightSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain insightPublicChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/public", "/public/**", "/api/v1/public/**", "/screen", "/watch")
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}
}
