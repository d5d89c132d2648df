package org.sudi.channel.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.sudi.platform.ProblemJson;
import org.sudi.channel.internal.IntegrationClients.Kind;
import org.sudi.platform.RateLimiter;

/**
 * The channel module's own filter chains, ahead of the platform's API chain (order 1) and web chain
 * (order 2), each matching only its paths (ADR 0013):
 * <ul>
 * <li>{@code /api/v1/integrations/police110/**}: stateless, the client's key in {@code X-Api-Key};</li>
 * <li>{@code /open311/**}: stateless and public; POST checks {@code api_key} itself, to answer in
 * Open311's error format;</li>
 * <li>{@code /wechat/**}: stateless, no CSRF (WeChat's servers post), every message signature-checked;</li>
 * <li>{@code /m/**}: the mobile portal, signed in by a one-time SMS code into a session whose principal
 * is the {@link org.sudi.directory.Actor}, with CSRF protection.</li>
 * </ul>
 * Each chain starts with the {@link AbuseFilter} (requests per IP, body size).
 */
@Configuration(proxyBeanMethods = false)
class ChannelSecurity {

	static final String[] PORTAL_PUBLIC = { "/m", "/m/", "/m/login", "/m/login/**", "/m/enterprise/login",
			"/m/enterprise/login/**", "/m/lookup", "/m/wechat/**", "/m/offline" };

	@Bean
	@Order(-3)
	SecurityFilterChain police110Chain(HttpSecurity http, IntegrationClients clients, RateLimiter limiter,
			ChannelProperties properties) throws Exception {
		http.securityMatcher("/api/v1/integrations/police110/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new AbuseFilter(limiter, properties, "police110"), SecurityContextHolderFilter.class)
			.addFilterBefore(new ApiKeyFilter(clients, Kind.POLICE110, limiter, properties),
					AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> ProblemJson.write(response,
					HttpStatus.UNAUTHORIZED, "Unauthorized", "Send the client's API key in the X-Api-Key header", null)));
		return http.build();
	}

	@Bean
	@Order(-2)
	SecurityFilterChain open311Chain(HttpSecurity http, RateLimiter limiter, ChannelProperties properties)
			throws Exception {
		http.securityMatcher("/open311/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new AbuseFilter(limiter, properties, "open311"), SecurityContextHolderFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	@Order(-1)
	SecurityFilterChain wechatChain(HttpSecurity http, RateLimiter limiter, ChannelProperties properties)
			throws Exception {
		http.securityMatcher("/wechat/**")
			.csrf(c -> c.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new AbuseFilter(limiter, properties, "wechat"), SecurityContextHolderFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	@Order(0)
	SecurityFilterChain portalChain(HttpSecurity http, RateLimiter limiter, ChannelProperties properties)
			throws Exception {
		http.securityMatcher("/m/**", "/m")
			.addFilterBefore(new AbuseFilter(limiter, properties, "portal"), SecurityContextHolderFilter.class)
			.addFilterBefore(new PortalLocaleFilter(), SecurityContextHolderFilter.class)
			.securityContext(c -> c.securityContextRepository(new HttpSessionSecurityContextRepository()))
			.sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
			.authorizeHttpRequests(a -> a.requestMatchers(PORTAL_PUBLIC).permitAll().anyRequest().authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/m/login")))
			.logout(l -> l.logoutUrl("/m/logout").logoutSuccessUrl("/m?signedOut"))
			.headers(Customizer.withDefaults());
		return http.build();
	}
}
