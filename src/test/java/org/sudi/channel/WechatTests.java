package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Channel;
import org.sudi.platform.RateLimiter;
import org.sudi.channel.internal.WechatBindings;
import org.sudi.directory.PortalAccounts;

/**
 * The official account's endpoint as WeChat's servers call it: signatures (valid, invalid, stale), each
 * message type, the safe (AES) mode with messages encrypted and replies decrypted by an independent
 * implementation of WeChat's scheme, and a conversation that ends in a case. No network is used.
 */
class WechatTests extends ApiTestSupport {

	// As in src/test/resources/config/application-test.yml
	static final String TOKEN = "sudiwechattoken";
	static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
	static final String APP_ID = "wx5ud1te5t0000001";

	@Autowired
	PortalAccounts accounts;

	@Autowired
	WechatBindings bindings;

	@Autowired
	CaseQueries queries;

	@Autowired
	RateLimiter limiter;

	@Autowired
	me.chanjar.weixin.mp.api.WxMpService wechat;

	RawHttp raw;

	@BeforeEach
	void setUp() {
		raw = new RawHttp(port);
		limiter.reset();
	}

	// ------------------------------------------------------------------ WeChat's side, written independently

	static String sha1(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", sorted)
				.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	static String now() {
		return String.valueOf(System.currentTimeMillis() / 1000);
	}

	static String xml(String openId, String type, String inner) {
		return "<xml><ToUserName><![CDATA[gh_sudi_official]]></ToUserName><FromUserName><![CDATA[" + openId
				+ "]]></FromUserName><CreateTime>" + now() + "</CreateTime><MsgType><![CDATA[" + type + "]]></MsgType>"
				+ inner + "<MsgId>" + ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50) + "</MsgId></xml>";
	}

	static String text(String openId, String content) {
		return xml(openId, "text", "<Content><![CDATA[" + content + "]]></Content>");
	}

	static byte[] key() {
		return Base64.getDecoder().decode(AES_KEY + "=");
	}

	static String encrypt(String message) throws Exception {
		byte[] msg = message.getBytes(StandardCharsets.UTF_8);
		byte[] app = APP_ID.getBytes(StandardCharsets.UTF_8);
		byte[] random = new byte[16];
		ThreadLocalRandom.current().nextBytes(random);
		int length = 16 + 4 + msg.length + app.length;
		int pad = 32 - length % 32;
		ByteBuffer plain = ByteBuffer.allocate(length + pad);
		plain.put(random).putInt(msg.length).put(msg).put(app);
		for (int i = 0; i < pad; i++) {
			plain.put((byte) pad);
		}
		Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
		aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new IvParameterSpec(Arrays.copyOf(key(), 16)));
		return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
	}

	static String decrypt(String encrypted) throws Exception {
		Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
		aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"), new IvParameterSpec(Arrays.copyOf(key(), 16)));
		byte[] plain = aes.doFinal(Base64.getDecoder().decode(encrypted));
		int pad = plain[plain.length - 1];
		ByteBuffer b = ByteBuffer.wrap(plain, 0, plain.length - pad);
		b.position(16);
		byte[] msg = new byte[b.getInt()];
		b.get(msg);
		byte[] app = new byte[b.remaining()];
		b.get(app);
		assertThat(new String(app, StandardCharsets.UTF_8)).isEqualTo(APP_ID);
		return new String(msg, StandardCharsets.UTF_8);
	}

	static String between(String xml, String element) {
		String open = "<" + element + ">";
		int start = xml.indexOf(open);
		assertThat(start).as(element + " in " + xml).isNotNegative();
		String value = xml.substring(start + open.length(), xml.indexOf("</" + element + ">", start));
		return value.startsWith("<![CDATA[") ? value.substring(9, value.length() - 3) : value;
	}

	HttpResponse<String> post(String body, String timestamp, String nonce, String signature) {
		return raw.send("POST", "/wechat/portal?signature=" + signature + "&timestamp=" + timestamp + "&nonce=" + nonce
				+ "&openid=x", Map.of("Content-Type", "text/xml"), body);
	}

	/** A plain-mode message, signed; returns the reply's text. */
	String send(String body) {
		String ts = now();
		String nonce = "n" + ThreadLocalRandom.current().nextInt(1_000_000);
		HttpResponse<String> r = post(body, ts, nonce, sha1(TOKEN, ts, nonce));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return between(r.body(), "Content");
	}

	static String openId() {
		return "oSudi" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
	}

	// ------------------------------------------------------------------ tests

	@Test
	@DisplayName("the URL check echoes echostr for a valid signature; wrong, missing or stale signatures get 403")
	void urlCheck() {
		String ts = now();
		String sig = sha1(TOKEN, ts, "nonce1");
		HttpResponse<String> ok = raw.get("/wechat/portal?signature=" + sig + "&timestamp=" + ts + "&nonce=nonce1&echostr=hello123");
		assertThat(ok.statusCode()).isEqualTo(200);
		assertThat(ok.body()).isEqualTo("hello123");
		assertThat(raw.get("/wechat/portal?signature=" + sig + "&timestamp=" + ts + "&nonce=nonce2&echostr=x").statusCode())
			.isEqualTo(403);
		assertThat(raw.get("/wechat/portal?timestamp=" + ts + "&nonce=nonce1&echostr=x").statusCode()).isEqualTo(403);
		String old = String.valueOf(System.currentTimeMillis() / 1000 - 3600);
		assertThat(raw.get("/wechat/portal?signature=" + sha1(TOKEN, old, "n") + "&timestamp=" + old + "&nonce=n&echostr=x")
			.statusCode()).isEqualTo(403);
	}

	@Test
	@DisplayName("a fixed signature vector: sha1 of the sorted token, timestamp and nonce (computed outside Java)")
	void signatureVector() {
		String expected = "6d1493ef3ae8d3b69a40240c49e2aef1341e0545";
		assertThat(sha1(TOKEN, "1409304348", "xxxxxx")).isEqualTo(expected);
		assertThat(wechat.checkSignature("1409304348", "xxxxxx", expected)).isTrue();
		assertThat(wechat.checkSignature("1409304348", "xxxxxy", expected)).isFalse();
	}

	@Test
	@DisplayName("a message with a wrong signature is refused and not answered")
	void invalidSignature() {
		String ts = now();
		HttpResponse<String> r = post(text(openId(), "你好"), ts, "abc", sha1("wrong-token", ts, "abc"));
		assertThat(r.statusCode()).isEqualTo(403);
		assertThat(r.body()).doesNotContain("<xml>");
	}

	@Test
	@DisplayName("subscribe is welcomed with what to do; the reply goes back to the follower from the account")
	void subscribe() {
		String user = openId();
		String ts = now();
		HttpResponse<String> r = post(xml(user, "event", "<Event><![CDATA[subscribe]]></Event>"), ts, "s1",
				sha1(TOKEN, ts, "s1"));
		assertThat(between(r.body(), "ToUserName")).isEqualTo(user);
		assertThat(between(r.body(), "FromUserName")).isEqualTo("gh_sudi_official");
		assertThat(between(r.body(), "MsgType")).isEqualTo("text");
		assertThat(between(r.body(), "Content")).contains("欢迎关注榴乡诉递").contains("/m");
	}

	@Test
	@DisplayName("each message type: text starts a draft, image and location fill it, menu clicks answer")
	void messageTypes() {
		String user = openId();
		assertThat(send(text(user, "路灯坏了好几天"))).contains("已记下问题").contains("请发送位置");
		assertThat(send(xml(user, "image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/sudi/1.jpg]]></PicUrl>"
				+ "<MediaId><![CDATA[media-1]]></MediaId>"))).contains("已收到照片（1/9）");
		assertThat(send(xml(user, "location", "<Location_X>34.7712</Location_X><Location_Y>117.5901</Location_Y>"
				+ "<Scale>16</Scale><Label><![CDATA[坛山街道文化路]]></Label>"))).contains("已收到位置").contains("1 坛山街道");
		assertThat(send(xml(user, "event", "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[PORTAL]]></EventKey>")))
			.contains("/m");
		assertThat(send(xml(user, "event", "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[PROGRESS]]></EventKey>")))
			.contains("/m/wechat/oauth");
		assertThat(send(xml(user, "voice", "<MediaId><![CDATA[v]]></MediaId><Format><![CDATA[amr]]></Format>")))
			.contains("暂不支持");
		assertThat(send(text(user, "0"))).contains("已取消");
	}

	@Test
	@DisplayName("a conversation ends in a WECHAT case for the bound account, with place, town and photo links")
	void conversationEndsInACase() {
		String user = openId();
		String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
		var citizen = accounts.citizenByPhone(phone);

		assertThat(send(xml(user, "event", "<Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[REPORT]]></EventKey>")))
			.contains("请用文字说说");
		send(text(user, "小区里的路灯坏了一周，晚上很黑"));
		send(xml(user, "image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/sudi/lamp.jpg]]></PicUrl><MediaId>m</MediaId>"));
		send(text(user, "坛山街道光明路 8 号院"));
		String confirm = send(text(user, "1"));
		assertThat(confirm).contains("请确认").contains("坛山街道").contains("回复 1 提交");

		// Not yet bound: a link to sign in once.
		assertThat(send(text(user, "1"))).contains("/m/wechat/oauth");
		bindings.bind(user, citizen.username());
		String done = send(text(user, "1"));
		assertThat(done).contains("已提交，编号");
		String trackingNo = done.replaceAll("(?s).*编号 (\\d{8}-\\d{6}).*", "$1");

		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.channel()).isEqualTo(Channel.WECHAT);
		assertThat(c.requesterUsername()).isEqualTo(citizen.username());
		assertThat(c.requesterPhone()).isEqualTo(phone);
		assertThat(c.townId()).isEqualTo(org("tanshan"));
		assertThat(c.address()).isEqualTo("坛山街道光明路 8 号院");
		assertThat(c.description()).contains("http://mmbiz.qpic.cn/sudi/lamp.jpg");
		assertThat(queries.find(CaseQuery.ofRequester(citizen.username(), 10))).hasSize(1);

		assertThat(send(text(user, "2"))).contains(trackingNo).contains("镇街受理中");
		assertThat(bindings.openIdOf(citizen.username())).contains(user);
	}

	@Test
	@DisplayName("safe mode: an AES-encrypted message is read and answered encrypted; a wrong msg_signature is refused")
	void encryptedMode() throws Exception {
		String user = openId();
		String ts = now();
		String nonce = "aes" + ThreadLocalRandom.current().nextInt(1000);
		String encrypted = encrypt(xml(user, "event", "<Event><![CDATA[subscribe]]></Event>"));
		String body = "<xml><ToUserName><![CDATA[gh_sudi_official]]></ToUserName><Encrypt><![CDATA[" + encrypted
				+ "]]></Encrypt></xml>";
		String path = "/wechat/portal?signature=" + sha1(TOKEN, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce
				+ "&encrypt_type=aes&msg_signature=";
		HttpResponse<String> r = raw.send("POST", path + sha1(TOKEN, ts, nonce, encrypted), Map.of("Content-Type", "text/xml"), body);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(r.body()).doesNotContain("欢迎");
		String replyEncrypted = between(r.body(), "Encrypt");
		assertThat(between(r.body(), "MsgSignature"))
			.isEqualTo(sha1(TOKEN, between(r.body(), "TimeStamp"), between(r.body(), "Nonce"), replyEncrypted));
		String reply = decrypt(replyEncrypted);
		assertThat(between(reply, "ToUserName")).isEqualTo(user);
		assertThat(between(reply, "Content")).contains("欢迎关注榴乡诉递");

		HttpResponse<String> forged = raw.send("POST", path + sha1(TOKEN, ts, nonce, "forged"),
				Map.of("Content-Type", "text/xml"), body);
		assertThat(forged.statusCode()).isEqualTo(403);
	}
}
