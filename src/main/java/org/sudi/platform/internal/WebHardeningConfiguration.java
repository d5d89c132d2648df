package org.sudi.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.sudi.platform.RateLimiter;

/**
 * The web hardening filters (ADR 0030), registered with the servlet container ahead of Spring
 * Security's filter chains (order -100): headers first, then request rates, then body sizes.
 */
@Configuration(proxyBeanMethods = false)
class WebHardeningConfiguration {

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter(WebHardeningProperties properties,
			@Value("${sudi.channel.map.tile-url:}") String tileUrl) {
		var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(properties, tileUrl));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestRateFilter> requestRateFilter(RateLimiter limiter, WebHardeningProperties properties) {
		var registration = new FilterRegistrationBean<>(new RequestRateFilter(limiter, properties));
		registration.setOrder(-300);
		return registration;
	}

	@Bean
	FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(WebHardeningProperties properties,
			MultipartProperties multipart) {
		var registration = new FilterRegistrationBean<>(new BodyLimitFilter(properties, multipart.getMaxRequestSize()));
		registration.setOrder(-200);
		return registration;
	}
}
