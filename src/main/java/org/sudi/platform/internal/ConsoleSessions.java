package org.sudi.platform.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.SessionManagementConfigurer;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.sudi.platform.AccountPrincipal;

/**
 * The console's limit on concurrent sessions per account (ADR 0026): {@code sudi.security.session.max-per-account}
 * (2); when an account signs in once more, its oldest session ends (its next request goes to
 * {@code /login?expired}), or with {@code prevent-new-sign-in: true} the new sign-in is refused.
 * The registry is the one bean {@code sessionRegistry}, over Spring Session's JDBC store (ADR 0024), so
 * the limit counts an account's sessions on every node.
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

	/** The sessions of every node, found by the account's username in Spring Session's store (ADR 0024). */
	@Bean
	SessionRegistry sessionRegistry(FindByIndexNameSessionRepository<? extends Session> sessions) {
		return byUsername(sessions);
	}

	private static <S extends Session> SessionRegistry byUsername(FindByIndexNameSessionRepository<S> sessions) {
		return new SpringSessionBackedSessionRegistry<S>(sessions) {
			@Override
			protected String name(Object principal) {
				// The principal is the directory's Actor: its sessions are indexed by its username.
				return principal instanceof AccountPrincipal account ? account.username() : super.name(principal);
			}
		};
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
