package org.sudi.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * The console's limit on concurrent sessions per account (ADR 0026): {@code sudi.security.session.max-per-account}
 * (2); when an account signs in once more, its oldest session ends (its next request goes to
 * {@code /login?expired}), or with {@code prevent-new-sign-in: true} the new sign-in is refused.
 * The registry is the one bean {@code sessionRegistry}: with sessions kept in the database (Spring
 * Session JDBC) it is replaced by a registry over that store, so the limit holds across nodes.
 * The idle timeout is {@code server.servlet.session.timeout} ({@code SUDI_SESSION_TIMEOUT}, 30 minutes).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSessions {

	private final int maxPerAccount;
	private final boolean preventNewSignIn;

	ConsoleSessions(@Value("${sudi.security.session.max-per-account:2}") int maxPerAccount,
			@Value("${sudi.security.session.prevent-new-sign-in:false}") boolean preventNewSignIn) {
		this.maxPerAccount = maxPerAccount;
		this.preventNewSignIn = preventNewSignIn;
	}

	@Bean
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/** Tells the in-memory registry when sessions end or change their id. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	void apply(SessionManagementConfigurer<HttpSecurity> sessions, SessionRegistry registry) {
		if (maxPerAccount > 0) {
			sessions.maximumSessions(maxPerAccount)
				.maxSessionsPreventsLogin(preventNewSignIn)
				.sessionRegistry(registry)
				.expiredUrl("/login?expired");
		}
	}
}
