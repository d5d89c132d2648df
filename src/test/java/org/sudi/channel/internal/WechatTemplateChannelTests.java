package org.sudi.channel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.channel.WechatAccounts;
import org.sudi.notification.Notification;

/** Template messages go only to bound followers, carry the notification, and fail loudly so the outbox retries. */
class WechatTemplateChannelTests {

	record Sent(String openId, String templateId, String url, Map<String, String> data) {
	}

	static class RecordingAccounts implements WechatAccounts {
		final List<Sent> sent = new ArrayList<>();
		boolean accept = true;

		@Override
		public Optional<String> openIdOf(String username) {
			return username.equals("citizen") ? Optional.of("o-citizen") : Optional.empty();
		}

		@Override
		public boolean sendTemplate(String openId, String templateId, String url, Map<String, String> data) {
			sent.add(new Sent(openId, templateId, url, data));
			return accept;
		}
	}

	static ChannelProperties properties(String appId) {
		return new ChannelProperties("https://sudi.example", null, null, null,
				new ChannelProperties.Wechat(appId, "secret", "token", null), null);
	}

	Notification progress = new Notification(7, "citizen", "PROGRESS", "已办结 Completed 20261127-000001",
			"你的诉求 20261127-000001 已办结，请评价办理结果。", UUID.randomUUID());

	@Test
	@DisplayName("reaches only bound followers, and only when the account and a template are configured")
	void reaches() {
		RecordingAccounts accounts = new RecordingAccounts();
		assertThat(new WechatTemplateChannel(accounts, properties("wx1"), "tpl").reaches("citizen")).isTrue();
		assertThat(new WechatTemplateChannel(accounts, properties("wx1"), "tpl").reaches("someone-else")).isFalse();
		assertThat(new WechatTemplateChannel(accounts, properties("wx1"), "").reaches("citizen")).isFalse();
		assertThat(new WechatTemplateChannel(accounts, properties(""), "tpl").reaches("citizen")).isFalse();
	}

	@Test
	@DisplayName("sends the notification as the template's keywords with a link into the portal")
	void sends() {
		RecordingAccounts accounts = new RecordingAccounts();
		new WechatTemplateChannel(accounts, properties("wx1"), "tpl").deliver(progress);
		assertThat(accounts.sent).singleElement().satisfies(s -> {
			assertThat(s.openId()).isEqualTo("o-citizen");
			assertThat(s.templateId()).isEqualTo("tpl");
			assertThat(s.url()).isEqualTo("https://sudi.example/m/requests");
			assertThat(s.data()).containsEntry("first", progress.title()).containsEntry("keyword1", progress.body());
		});
	}

	@Test
	@DisplayName("a refused message throws, so the outbox tries again later")
	void refusedIsRetried() {
		RecordingAccounts accounts = new RecordingAccounts();
		accounts.accept = false;
		assertThatThrownBy(() -> new WechatTemplateChannel(accounts, properties("wx1"), "tpl").deliver(progress))
			.isInstanceOf(IllegalStateException.class);
	}
}
