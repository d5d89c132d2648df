package org.sudi.platform.internal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * Where static files come from: {@code /css/**} and {@code /js/**} (src/main/resources/static) and
 * {@code /webjars/**} (version-less paths resolved by the webjars locator), instead of Spring Boot's
 * default {@code /**} over four class-path locations ({@code spring.web.resources.add-mappings: false}).
 * <p>
 * Why (ADR 0033): the webjars locator switches Boot's resource chain on, and with it the
 * {@code ResourceUrlEncodingFilter}, which asks the resource mappings about every link a page builds
 * with {@code @{...}}. Under {@code /**} every console link ({@code /console/cases/…}) matched and was
 * looked up as a file in each jar of the class path, four times, and a miss is never cached: 65 % of the
 * work list's CPU (docs/benchmarks.md, "Work list and case page"). Under these three mappings such a
 * link matches nothing and costs a pattern match; the webjar links still come out versioned.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true)
			.addResolver(new LiteWebJarsResourceResolver());
	}
}
