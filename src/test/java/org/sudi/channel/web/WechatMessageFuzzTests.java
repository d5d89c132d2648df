package org.sudi.channel.web;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.sudi.channel.internal.WechatConversation.Incoming;

/**
 * A WeChat callback's XML, read as {@link WechatPortalController#receive} reads it once the signature
 * holds: WxJava's XStream reader either gives a message or throws a {@link RuntimeException} (which
 * the controller answers 403), and the fields the controller takes from a message never throw. What
 * must never come out is an {@link Error} (stack overflow on deep nesting, out of memory), a hang, or
 * — with Jazzer's sanitizers in fuzzing mode — a deserialisation gadget or an outside connection
 * (XXE). Seeds in {@code WechatMessageFuzzTestsInputs/}; fuzz with {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class WechatMessageFuzzTests {

	@FuzzTest(maxDuration = "2m")
	void anyXmlGivesAMessageOrARefusal(byte[] data) {
		WxMpXmlMessage message;
		try {
			message = WxMpXmlMessage.fromXml(new String(data, StandardCharsets.UTF_8));
		}
		catch (RuntimeException e) {
			return;
		}
		if (message == null || message.getFromUser() == null || message.getMsgType() == null) {
			return;
		}
		new Incoming(message.getFromUser(), message.getMsgType(), message.getContent(), message.getLocationX(),
				message.getLocationY(), message.getLabel(), message.getPicUrl(), message.getEvent(), message.getEventKey());
	}
}
