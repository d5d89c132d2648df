package org.sudi.channel;

import java.util.Optional;

/**
 * The interface point for WeChat template messages (the notification module): which openid of the
 * official account belongs to an account, and a way to send a template message when WeChat is configured.
 */
public interface WechatAccounts {

	Optional<String> openIdOf(String username);

	/**
	 * Sends a template message (模板消息) to the openid; {@code data} maps the template's keywords to
	 * values. Returns false when WeChat is not configured.
	 */
	boolean sendTemplate(String openId, String templateId, String url, java.util.Map<String, String> data);
}
