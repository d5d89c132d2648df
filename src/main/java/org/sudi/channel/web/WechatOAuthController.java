package org.sudi.channel.web;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.channel.internal.ChannelProperties;
import org.sudi.channel.internal.PortalSignIn;
import org.sudi.channel.internal.WechatBindings;
import org.sudi.directory.PortalAccounts;
import org.sudi.platform.NotFoundException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import me.chanjar.weixin.common.api.WxConsts;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;

/**
 * Signing in from inside WeChat: OAuth (snsapi_base) gives the follower's openid; a bound openid signs
 * in at once, an unbound one goes through the SMS code once and is bound to that account.
 */
@Controller
class WechatOAuthController {

	private static final String STATE = "sudi.wechat.state";

	private final SecureRandom random = new SecureRandom();
	private final ObjectProvider<WxMpService> wechat;
	private final WechatBindings bindings;
	private final PortalAccounts accounts;
	private final PortalSignIn signIn;
	private final ChannelProperties properties;

	WechatOAuthController(ObjectProvider<WxMpService> wechat, WechatBindings bindings, PortalAccounts accounts,
			PortalSignIn signIn, ChannelProperties properties) {
		this.wechat = wechat;
		this.bindings = bindings;
		this.accounts = accounts;
		this.signIn = signIn;
		this.properties = properties;
	}

	@GetMapping("/m/wechat/oauth")
	String start(HttpSession session) {
		WxMpService service = service();
		byte[] b = new byte[12];
		random.nextBytes(b);
		String state = HexFormat.of().formatHex(b);
		session.setAttribute(STATE, state);
		return "redirect:" + service.getOAuth2Service().buildAuthorizationUrl(
				properties.publicBaseUrl() + "/m/wechat/callback", WxConsts.OAuth2Scope.SNSAPI_BASE, state);
	}

	@GetMapping("/m/wechat/callback")
	String callback(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
			HttpServletRequest request, HttpServletResponse response) throws WxErrorException {
		WxMpService service = service();
		HttpSession session = request.getSession();
		if (code == null || state == null || !state.equals(session.getAttribute(STATE))) {
			return "redirect:/m/login";
		}
		session.removeAttribute(STATE);
		String openId = service.getOAuth2Service().getAccessToken(code).getOpenId();
		var actor = bindings.usernameOf(openId).flatMap(accounts::find);
		if (actor.isPresent()) {
			signIn.signIn(actor.get(), request, response);
			return "redirect:/m/requests";
		}
		session.setAttribute(WechatBindings.PENDING_OPENID, openId);
		return "redirect:/m/login";
	}

	private WxMpService service() {
		WxMpService service = wechat.getIfAvailable();
		if (service == null) {
			throw new NotFoundException("WeChat sign-in", "(not configured)");
		}
		return service;
	}
}
