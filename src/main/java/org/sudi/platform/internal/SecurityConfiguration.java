package org.sudi.platform.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.util.StringUtils;
import org.sudi.platform.ProblemJson;
import org.sudi.platform.SudiProperties;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Two filter chains: the JSON API ({@code /api/**}) is stateless and takes signed bearer tokens
 * (HS256 JWT issued by {@code POST /api/v1/auth/token}); everything else is the web part: public
 * pages and the staff console behind a form sign-in with a session (ADR 0016).
 * Authorization of domain actions is decided by the domain (role + unit + state), not by URL rules.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests(auth -> auth
				.requestMatchers("/api/v1/auth/token").permitAll()
				.anyRequest().authenticated())
			.oauth2ResourceServer(rs -> rs
				.bearerTokenResolver(new BearerTokenHeader())
				.jwt(jwt -> jwt.jwtAuthenticationConverter(jwtAuthenticationConverter()))
				.authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
						"Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token")))
			.exceptionHandling(ex -> ex
				.authenticationEntryPoint((request, response, e) -> problem(response, HttpStatus.UNAUTHORIZED,
						"Sign in first: send Authorization: Bearer <token> from POST /api/v1/auth/token"))
				.accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
						"You may not do this")));
		return http.build();
	}

	/**
	 * The staff console and the public pages: form sign-in at {@code /login} against the directory's
	 * accounts (the {@link AuthenticationProvider} beans, which put the {@code Actor} in the session as
	 * the principal), CSRF tokens on every form, sign-out at {@code POST /logout}. The session times out
	 * after {@code server.servlet.session.timeout} (30 minutes unless configured). Other modules add
	 * chains of their own for their paths with a lower {@code @Order}.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain webChain(HttpSecurity http, ObjectProvider<AuthenticationProvider> providers,
			ConsoleSessions consoleSessions, SessionRegistry sessionRegistry) throws Exception {
		providers.orderedStream().forEach(http::authenticationProvider);
		http.authorizeHttpRequests(auth -> auth
				.requestMatchers("/", "/login", "/error", "/favicon.ico", "/css/**", "/js/**", "/img/**",
						"/webjars/**", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health")
				.permitAll()
				.requestMatchers("/console", "/console/**").authenticated()
				.anyRequest().denyAll())
			.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console").failureUrl("/login?error"))
			.logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
				.deleteCookies("SESSION"))
			.sessionManagement(s -> consoleSessions.apply(s.sessionFixation(f -> f.changeSessionId()), sessionRegistry))
			.headers(headers -> headers
				.frameOptions(f -> f.deny())
				.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
		return http.build();
	}

	private static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(jwt -> {
			List<String> roles = jwt.getClaimAsStringList("roles");
			return roles == null ? List.<GrantedAuthority>of()
					: roles.stream().<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
		});
		return converter;
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String detail)
			throws java.io.IOException {
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		ProblemJson.write(response, status, status.getReasonPhrase(), detail, null);
	}

	@Bean
	SecretKey tokenKey(SudiProperties properties, JdbcClient jdbc) {
		String configured = properties.security().tokenSecret();
		byte[] secret;
		if (StringUtils.hasText(configured)) {
			secret = Base64.getDecoder().decode(configured);
		}
		else {
			// Generated once and kept in the database, so restarts and every node share it.
			byte[] fresh = new byte[32];
			new SecureRandom().nextBytes(fresh);
			jdbc.sql("insert into platform_secret(name, value) values ('token-key', :v) on conflict (name) do nothing")
				.param("v", Base64.getEncoder().encodeToString(fresh))
				.update();
			secret = Base64.getDecoder().decode(jdbc.sql("select value from platform_secret where name = 'token-key'")
				.query(String.class)
				.single());
		}
		if (secret.length < 32) {
			throw new IllegalStateException("sudi.security.token-secret must be Base64 of at least 32 bytes");
		}
		return new SecretKeySpec(secret, "HmacSHA256");
	}

	@Bean
	JwtEncoder jwtEncoder(SecretKey tokenKey) {
		return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
	}

	/**
	 * Spring Security's firewall with its default rules, only the check of header values done by a loop
	 * over the code points instead of a regular expression (≈ 5 % of an intake request's CPU: the
	 * bearer token's header is read and checked several times per request). Allowed, as by default:
	 * assigned code points that are not control characters, and the tab.
	 */
	@Bean
	WebSecurityCustomizer firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderValues(SecurityConfiguration::allowedHeaderValue);
		return web -> web.httpFirewall(firewall);
	}

	static boolean allowedHeaderValue(String value) {
		for (int i = 0; i < value.length();) {
			int c = value.codePointAt(i);
			int type = Character.getType(c);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && c != '\t')) {
				return false;
			}
			i += Character.charCount(c);
		}
		return true;
	}

	/** How many verified bearer tokens are remembered at most (one per signed-in API client is typical). */
	static final int VERIFIED_TOKENS = 4096;

	@Bean
	JwtDecoder jwtDecoder(SecretKey tokenKey, Clock clock) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenKey).macAlgorithm(MacAlgorithm.HS256).build();
		// Expiry is judged by the platform's one clock, like everything else.
		JwtTimestampValidator timestamps = new JwtTimestampValidator();
		timestamps.setClock(clock);
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(timestamps);
		decoder.setJwtValidator(validator);
		// A client's next request with the same token skips parsing and the signature check, never the
		// timestamps (docs/benchmarks.md, intake).
		return new VerifiedTokens(decoder, validator, clock, VERIFIED_TOKENS);
	}

	/**
	 * No observations (timers, counters) of Spring Security's filters, authentication and authorization:
	 * nothing reads them, and wrapping every filter of the chain in an observation cost several per cent
	 * of a request's CPU. The HTTP server's own request observation stays.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}
}
