package org.sudi.channel.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sudi.channel.WechatAccounts;

import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateData;
import me.chanjar.weixin.mp.bean.template.WxMpTemplateMessage;

/**
 * Which account each openid of the official account belongs to: bound when someone signs in on the
 * portal from inside WeChat (OAuth gives the openid, the SMS code proves the number). One openid, one
 * account; binding again moves it.
 */
@Service
public class WechatBindings implements WechatAccounts {

	/** Session attribute: an openid from WeChat OAuth waiting for the sign-in that binds it. */
	public static final String PENDING_OPENID = "sudi.wechat.pendingOpenId";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ObjectProvider<WxMpService> wechat;

	WechatBindings(JdbcClient jdbc, Clock clock, ObjectProvider<WxMpService> wechat) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.wechat = wechat;
	}

	public void bind(String openId, String username) {
		jdbc.sql("""
				insert into channel_wechat_binding(openid, username, bound_at) values (?, ?, ?)
				on conflict (openid) do update set username = excluded.username, bound_at = excluded.bound_at""")
			.params(openId, username, Timestamp.from(clock.instant()))
			.update();
	}

	public Optional<String> usernameOf(String openId) {
		return jdbc.sql("select username from channel_wechat_binding where openid = ?").param(openId)
			.query(String.class).optional();
	}

	@Override
	public Optional<String> openIdOf(String username) {
		return jdbc.sql("select openid from channel_wechat_binding where username = ? order by bound_at desc limit 1")
			.param(username).query(String.class).optional();
	}

	@Override
	public boolean sendTemplate(String openId, String templateId, String url, Map<String, String> data) {
		WxMpService service = wechat.getIfAvailable();
		if (service == null) {
			return false;
		}
		WxMpTemplateMessage message = WxMpTemplateMessage.builder().toUser(openId).templateId(templateId).url(url).build();
		data.forEach((k, v) -> message.addData(new WxMpTemplateData(k, v)));
		try {
			service.getTemplateMsgService().sendTemplateMsg(message);
			return true;
		}
		catch (WxErrorException e) {
			throw new IllegalStateException("WeChat template message failed: " + e.getError(), e);
		}
	}
}
