package org.sudi.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import me.chanjar.weixin.mp.api.WxMpService;

/** WeChat is off, with no client at all, until app id, secret and token are configured. */
class WechatConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WechatConfiguration.class)
		.withBean(ChannelProperties.class, () -> new ChannelProperties(null, null, null, null, null, null));

	@Test
	@DisplayName("not configured: no WxMpService")
	void off() {
		runner.run(context -> assertThat(context).doesNotHaveBean(WxMpService.class));
		runner.withPropertyValues("sudi.channel.wechat.app-id=wx1", "sudi.channel.wechat.token=t")
			.run(context -> assertThat(context).doesNotHaveBean(WxMpService.class));
	}

	@Test
	@DisplayName("configured: a client with the configured account")
	void on() {
		new ApplicationContextRunner().withUserConfiguration(WechatConfiguration.class)
			.withPropertyValues("sudi.channel.wechat.app-id=wx1", "sudi.channel.wechat.secret=s",
					"sudi.channel.wechat.token=t")
			.withBean(ChannelProperties.class, () -> new ChannelProperties(null, null, null, null,
					new ChannelProperties.Wechat("wx1", "s", "t", null), null))
			.run(context -> {
				assertThat(context).hasSingleBean(WxMpService.class);
				assertThat(context.getBean(WxMpService.class).getWxMpConfigStorage().getAppId()).isEqualTo("wx1");
			});
	}
}
