package org.sudi.channel.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.sudi.channel.WechatAccounts;
import org.sudi.notification.DeliveryChannel;
import org.sudi.notification.Notification;

/**
 * Status-change notifications as WeChat template messages (模板消息) to followers who bound their
 * portal account: the notification module hands each inbox item to this channel through its outbox
 * and retries while WeChat does not accept it. Off unless the official account and
 * {@code sudi.channel.wechat-template-id} are configured.
 */
@Component
class WechatTemplateChannel implements DeliveryChannel {

	private final WechatAccounts accounts;
	private final ChannelProperties properties;
	private final String templateId;

	WechatTemplateChannel(WechatAccounts accounts, ChannelProperties properties,
			@Value("${sudi.channel.wechat-template-id:}") String templateId) {
		this.accounts = accounts;
		this.properties = properties;
		this.templateId = templateId;
	}

	@Override
	public String name() {
		return "wechat";
	}

	@Override
	public boolean reaches(String username) {
		return properties.wechat().configured() && StringUtils.hasText(templateId)
				&& accounts.openIdOf(username).isPresent();
	}

	@Override
	public void deliver(Notification n) {
		String openId = accounts.openIdOf(n.username())
			.orElseThrow(() -> new IllegalStateException("No WeChat follower is bound to " + n.username() + " any more"));
		if (!accounts.sendTemplate(openId, templateId, properties.publicBaseUrl() + "/m/requests", data(n))) {
			throw new IllegalStateException("WeChat did not take the template message (not configured?)");
		}
	}

	/** The template's keywords: a heading, the message and the notification kind. */
	static Map<String, String> data(Notification n) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("first", n.title());
		data.put("keyword1", n.body());
		data.put("keyword2", n.kind());
		data.put("remark", "点击查看我的诉求 Tap to see your requests");
		return data;
	}
}
