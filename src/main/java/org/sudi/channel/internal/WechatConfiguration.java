package org.sudi.channel.internal;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.api.impl.WxMpServiceImpl;
import me.chanjar.weixin.mp.config.impl.WxMpDefaultConfigImpl;

/**
 * The WeChat official account client (WxJava), built from {@code sudi.channel.wechat.*}; without an
 * app id, secret and token there is no {@link WxMpService} bean and the WeChat endpoints answer 404.
 */
@Configuration(proxyBeanMethods = false)
class WechatConfiguration {

	@Bean
	@Conditional(Configured.class)
	WxMpService wxMpService(ChannelProperties properties) {
		ChannelProperties.Wechat w = properties.wechat();
		WxMpDefaultConfigImpl config = new WxMpDefaultConfigImpl();
		config.setAppId(w.appId());
		config.setSecret(w.secret());
		config.setToken(w.token());
		if (StringUtils.hasText(w.aesKey())) {
			config.setAesKey(w.aesKey());
		}
		// Several nodes each fetch the access token: the stable-token API (getStableAccessToken) hands every
		// node the same token instead of each fetch invalidating the others' (docs/deployment.md).
		config.setUseStableAccessToken(true);
		WxMpService service = new WxMpServiceImpl();
		service.setWxMpConfigStorage(config);
		return service;
	}

	/** True when app id, secret and token are all set. */
	static class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			return binder.bind("sudi.channel.wechat", ChannelProperties.Wechat.class)
				.map(ChannelProperties.Wechat::configured)
				.orElse(false);
		}
	}
}
