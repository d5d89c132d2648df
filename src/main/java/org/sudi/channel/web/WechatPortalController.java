package org.sudi.channel.web;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.platform.RateLimiter;
import org.sudi.channel.internal.WechatConversation;
import org.sudi.channel.internal.WechatConversation.Incoming;

import io.swagger.v3.oas.annotations.Hidden;
import me.chanjar.weixin.mp.api.WxMpService;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;

/**
 * The official account's server endpoint (服务器配置): GET answers WeChat's URL check, POST receives
 * messages in plain or safe (AES) mode. Every call must carry a valid signature of the configured token
 * and a timestamp within 5 minutes; otherwise 403. Off (404) while WeChat is not configured.
 */
@RestController
@Hidden
class WechatPortalController {

	private static final Logger log = LoggerFactory.getLogger(WechatPortalController.class);
	static final long MAX_SKEW_SECONDS = 300;
	private static final String XML = "application/xml;charset=UTF-8";

	private final ObjectProvider<WxMpService> wechat;
	private final WechatConversation conversation;
	private final RateLimiter limiter;
	private final Clock clock;

	WechatPortalController(ObjectProvider<WxMpService> wechat, WechatConversation conversation, RateLimiter limiter,
			Clock clock) {
		this.wechat = wechat;
		this.conversation = conversation;
		this.limiter = limiter;
		this.clock = clock;
	}

	@GetMapping(path = "/wechat/portal", produces = "text/plain;charset=UTF-8")
	ResponseEntity<String> verify(@RequestParam(required = false) String signature,
			@RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
			@RequestParam(required = false) String echostr) {
		WxMpService service = wechat.getIfAvailable();
		if (service == null) {
			return ResponseEntity.notFound().build();
		}
		if (!signed(service, signature, timestamp, nonce) || echostr == null) {
			return ResponseEntity.status(403).body("invalid signature");
		}
		return ResponseEntity.ok(echostr);
	}

	@PostMapping(path = "/wechat/portal", produces = XML)
	ResponseEntity<String> receive(@RequestBody(required = false) String body,
			@RequestParam(required = false) String signature, @RequestParam(required = false) String timestamp,
			@RequestParam(required = false) String nonce,
			@RequestParam(name = "encrypt_type", required = false) String encryptType,
			@RequestParam(name = "msg_signature", required = false) String msgSignature) {
		WxMpService service = wechat.getIfAvailable();
		if (service == null) {
			return ResponseEntity.notFound().build();
		}
		if (!signed(service, signature, timestamp, nonce) || body == null) {
			return ResponseEntity.status(403).body("invalid signature");
		}
		boolean aes = "aes".equals(encryptType);
		WxMpXmlMessage message;
		try {
			message = aes ? WxMpXmlMessage.fromEncryptedXml(body, service.getWxMpConfigStorage(), timestamp, nonce, msgSignature)
					: WxMpXmlMessage.fromXml(body);
		}
		catch (RuntimeException e) {
			log.warn("Rejected a WeChat message that could not be decrypted or read: {}", e.getMessage());
			return ResponseEntity.status(403).body("invalid message");
		}
		if (message.getFromUser() == null || message.getMsgType() == null) {
			return ResponseEntity.badRequest().body("invalid message");
		}
		limiter.consume("wechat:" + message.getFromUser(), 30, java.time.Duration.ofMinutes(1));
		String text = conversation.reply(new Incoming(message.getFromUser(), message.getMsgType(), message.getContent(),
				message.getLocationX(), message.getLocationY(), message.getLabel(), message.getPicUrl(),
				message.getEvent(), message.getEventKey()));
		if (text == null || text.isEmpty()) {
			// WeChat takes "success" (or an empty body) as "no reply".
			return ResponseEntity.ok().contentType(org.springframework.http.MediaType.TEXT_PLAIN).body("success");
		}
		WxMpXmlOutMessage out = WxMpXmlOutMessage.TEXT().content(text).fromUser(message.getToUser())
			.toUser(message.getFromUser()).build();
		return ResponseEntity.ok(aes ? out.toEncryptedXml(service.getWxMpConfigStorage()) : out.toXml());
	}

	private boolean signed(WxMpService service, String signature, String timestamp, String nonce) {
		if (signature == null || timestamp == null || nonce == null) {
			return false;
		}
		try {
			long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
			if (skew > MAX_SKEW_SECONDS) {
				return false;
			}
		}
		catch (NumberFormatException e) {
			return false;
		}
		return service.checkSignature(timestamp, nonce, signature);
	}
}
