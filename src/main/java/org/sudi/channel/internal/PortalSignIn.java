package org.sudi.channel.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Service;
import org.sudi.directory.Actor;
import org.sudi.directory.CreditCode;
import org.sudi.directory.PortalAccounts;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.sudi.platform.RateLimiter;

/**
 * Signing in on the portal: a one-time code by SMS, then a session whose principal is the
 * {@link Actor} (the session id changes at sign-in). Codes to send and codes to check are limited per IP
 * as well as per number.
 */
@Service
public class PortalSignIn {

	private final OneTimeCodes codes;
	private final PortalAccounts accounts;
	private final RateLimiter limiter;
	private final WechatBindings bindings;
	private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	PortalSignIn(OneTimeCodes codes, PortalAccounts accounts, RateLimiter limiter, WechatBindings bindings) {
		this.codes = codes;
		this.accounts = accounts;
		this.limiter = limiter;
		this.bindings = bindings;
	}

	public void sendCode(String ip, String phone) {
		// Codes per source address: the platform's sms-code rate rule (sudi.web.rate-limits); per number: OneTimeCodes.
		codes.send(phone == null ? null : phone.strip());
	}

	public Actor citizen(String ip, String phone, String code, HttpServletRequest request, HttpServletResponse response) {
		String p = check(ip, phone, code);
		Actor actor = accounts.citizenByPhone(p);
		signIn(actor, request, response);
		return actor;
	}

	public Actor enterprise(String ip, String phone, String code, String creditCode, String enterpriseName,
			HttpServletRequest request, HttpServletResponse response) {
		CreditCode credit = CreditCode.parse(creditCode);
		String p = check(ip, phone, code);
		Actor actor = accounts.enterpriseContact(credit, enterpriseName, p);
		signIn(actor, request, response);
		return actor;
	}

	private String check(String ip, String phone, String code) {
		limiter.consume("verify-ip:" + ip, 30, Duration.ofMinutes(10));
		String p = phone == null ? null : phone.strip();
		if (!codes.verify(p, code)) {
			throw new InvalidInputException("code", "wrong or expired code");
		}
		return p;
	}

	/** Puts the actor into a fresh session; a WeChat openid waiting in the session is bound to the account. */
	public void signIn(Actor actor, HttpServletRequest request, HttpServletResponse response) {
		var session = request.getSession(true);
		Object openId = session.getAttribute(WechatBindings.PENDING_OPENID);
		request.changeSessionId();
		if (openId instanceof String id) {
			bindings.bind(id, actor.username());
			session.removeAttribute(WechatBindings.PENDING_OPENID);
		}
		var authentication = new SignedIn(actor);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		repository.saveContext(context, request, response);
	}

	/**
	 * A portal sign-in: the principal is the {@link Actor}, the name its username, which is what the shared
	 * session store indexes the session by (ADR 0024).
	 */
	static final class SignedIn extends UsernamePasswordAuthenticationToken {

		private static final long serialVersionUID = 1L;

		SignedIn(Actor actor) {
			super(actor, null, actor.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r.name())).toList());
		}

		@Override
		public String getName() {
			return ((Actor) getPrincipal()).username();
		}
	}

}
