package org.sudi.platform.internal;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import org.sudi.platform.DemoMode;
import org.sudi.platform.SudiProperties;

/** The one clock every module reads time from, and whether the demo district runs. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** The district's time zone; all deadlines and tracking-number dates are in it. */
	static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");

	@Bean
	Clock clock() {
		return Clock.system(DISTRICT_ZONE);
	}

	@Bean
	DemoMode demoMode(SudiProperties properties, Environment environment) {
		Boolean configured = properties.demo().enabled();
		boolean embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
		return new DemoMode(configured != null ? configured : embedded, properties.demo().password());
	}
}
