package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.CaseType;
import org.sudi.casework.Outcome;
import org.sudi.channel.internal.LoggingSmsSender;
import org.sudi.channel.internal.OneTimeCodes;
import org.sudi.platform.RateLimiter;
import org.sudi.platform.TooManyRequestsException;
import org.sudi.directory.CreditCode;

/**
 * The portal over plain HTTP, as a phone without JavaScript would use it: sign-in codes and their
 * limits, CSRF and sign-in protection, the enterprise green channel, the requester's actions and the
 * public lookup's limits.
 */
class PortalHttpTests extends ApiTestSupport {

	@Autowired
	org.sudi.platform.PersonalData personalData;

	@Autowired
	OneTimeCodes codes;

	@Autowired
	LoggingSmsSender sms;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	CaseQueries queries;

	@Autowired
	RateLimiter limiter;

	@BeforeEach
	void reset() {
		limiter.reset();
	}

	static String phone() {
		return "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	/** A browser-like client: cookies, no redirects followed, the CSRF token read from the last page. */
	final class Browser {
		final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String csrf;

		HttpResponse<String> get(String path) {
			HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).GET().build());
			Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body());
			if (m.find()) {
				csrf = m.group(1);
			}
			return r;
		}

		HttpResponse<String> post(String path, Map<String, String> form) {
			StringBuilder body = new StringBuilder();
			Map<String, String> all = new LinkedHashMap<>(form);
			if (csrf != null) {
				all.put("_csrf", csrf);
			}
			all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
				.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
			HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
			Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(r.body());
			if (m.find()) {
				csrf = m.group(1);
			}
			return r;
		}

		URI uri(String path) {
			return URI.create("http://localhost:" + port + path);
		}

		/** Posts the form as multipart/form-data with one file in the field {@code photos}. */
		HttpResponse<String> postWithPhoto(String path, Map<String, String> form, String filename, String type,
				byte[] content) {
			String boundary = "----portal" + System.nanoTime();
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			Map<String, String> all = new LinkedHashMap<>(form);
			all.put("_csrf", csrf);
			all.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
					+ "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
			out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"photos\"; filename=\""
					+ filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			out.writeBytes(content);
			out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			return send(HttpRequest.newBuilder(uri(path))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
		}

		HttpResponse<String> send(HttpRequest request) {
			try {
				return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}

		void signIn(String phone) {
			get("/m/login");
			assertThat(post("/m/login/code", Map.of("phone", phone)).body()).contains("验证码已发送");
			HttpResponse<String> r = post("/m/login", Map.of("phone", phone, "code", sms.lastCodeTo(phone).orElseThrow()));
			assertThat(r.statusCode()).isEqualTo(302);
			assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/m/requests");
		}
	}

	@Test
	@DisplayName("codes are stored hashed, used once, expire, die after 5 wrong tries, and are not resent within a minute")
	void codeRules() {
		String phone = phone();
		codes.send(phone);
		String code = sms.lastCodeTo(phone).orElseThrow();
		assertThat(jdbc.sql("select code_hash from channel_sms_code where phone_hash = ?")
			.param(personalData.phoneIndex(phone)).query(String.class).single()).doesNotContain(code);
		assertThatThrownBy(() -> codes.send(phone)).isInstanceOf(TooManyRequestsException.class);
		assertThat(codes.verify(phone, code)).isTrue();
		assertThat(codes.verify(phone, code)).as("used once").isFalse();

		String p2 = phone();
		codes.send(p2);
		String right = sms.lastCodeTo(p2).orElseThrow();
		String wrong = right.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(codes.verify(p2, wrong)).isFalse();
		}
		assertThat(codes.verify(p2, right)).as("dead after 5 wrong tries").isFalse();

		String p3 = phone();
		codes.send(p3);
		jdbc.sql("update channel_sms_code set expires_at = ? where phone_hash = ?")
			.params(Timestamp.from(Instant.now().minusSeconds(1)), personalData.phoneIndex(p3)).update();
		assertThat(codes.verify(p3, sms.lastCodeTo(p3).orElseThrow())).as("expired").isFalse();
		assertThat(codes.verify("12345", "123456")).isFalse();
	}

	@Test
	@DisplayName("a portal photo is checked from its bytes: an HTML page named .jpg is refused on the form; a JPEG loses its EXIF")
	void photosCheckedFromBytes() {
		Browser b = new Browser();
		b.signIn(phone());
		b.get("/m/requests/new");
		Map<String, String> form = Map.of("categoryCode", "other.misc", "description", "路灯杆倾斜，有倒塌危险",
				"townId", String.valueOf(org("wulin")), "address", "吴林街道幸福小区门口");
		HttpResponse<String> refused = b.postWithPhoto("/m/requests", form, "photo.jpg", "image/jpeg",
				"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("photo.jpg").contains("text/html").contains("not a photo")
			.doesNotContain("<script>alert(1)");
		HttpResponse<String> created = b.postWithPhoto("/m/requests", form, "现场.jpg", "image/jpeg",
				org.sudi.personaldata.Images.jpegWithGps());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String trackingNo = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/m/requests/([0-9-]+).*", "$1");
		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.attachmentIds()).hasSize(1);
		byte[] stored = as("dispatcher").download("/api/v1/attachments/" + c.attachmentIds().get(0)).body();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "SpyCam");
	}

	@Test
	@DisplayName("pages behind sign-in redirect to it; a form posted without the CSRF token is refused")
	void protection() {
		Browser b = new Browser();
		HttpResponse<String> r = b.get("/m/requests");
		assertThat(r.statusCode()).isEqualTo(302);
		assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/m/login");
		assertThat(b.post("/m/login/code", Map.of("phone", phone())).statusCode()).isEqualTo(403);
		assertThat(b.get("/m/login").body()).contains("手机号登录").contains("lang=\"zh-CN\"");
		assertThat(b.get("/m/login?lang=en").body()).contains("Sign in with your mobile number");
	}

	@Test
	@DisplayName("a citizen adds information, then withdraws the request before dispatch; the form works without JavaScript")
	void requesterActions() {
		Browser b = new Browser();
		String phone = phone();
		b.signIn(phone);
		b.get("/m/requests/new");
		HttpResponse<String> created = b.post("/m/requests", Map.of("categoryCode", "other.misc", "description",
				"楼上每天夜里装修噪音", "townId", String.valueOf(org("wulin")), "address", "吴林街道幸福小区 2 号楼"));
		assertThat(created.statusCode()).isEqualTo(302);
		String trackingNo = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/m/requests/([0-9-]+).*", "$1");

		b.get("/m/requests/" + trackingNo);
		assertThat(b.post("/m/requests/" + trackingNo + "/information", Map.of("note", "一般在晚上 11 点以后")).statusCode())
			.isEqualTo(302);
		assertThat(b.get("/m/requests/" + trackingNo).body()).contains("补充了信息").contains("一般在晚上 11 点以后");
		assertThat(b.post("/m/requests/" + trackingNo + "/withdraw", Map.of("reason", "已协商解决")).statusCode())
			.isEqualTo(302);
		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.outcome()).isEqualTo(Outcome.WITHDRAWN);
		assertThat(b.get("/m/requests/" + trackingNo).body()).contains("已撤回");

		// Someone else's request is not found; a missing field re-shows the form with the message.
		Browser other = new Browser();
		other.signIn(phone());
		assertThat(other.get("/m/requests/" + trackingNo).statusCode()).isEqualTo(404);
		other.get("/m/requests/new");
		HttpResponse<String> invalid = other.post("/m/requests", Map.of("description", "没有镇街"));
		assertThat(invalid.statusCode()).isEqualTo(200);
		assertThat(invalid.body()).contains("请检查").contains("townId");
	}

	@Test
	@DisplayName("an enterprise signs in with a valid credit code and files a DEVELOPMENT request on the green channel")
	void enterprise() {
		Browser b = new Browser();
		String phone = phone();
		String code17 = "91370402MA3" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
		String creditCode = code17 + CreditCode.checkCharacter(code17);
		b.get("/m/enterprise/login");
		b.post("/m/enterprise/login/code", Map.of("phone", phone, "creditCode", creditCode, "enterpriseName", "榴乡食品有限公司"));
		HttpResponse<String> bad = b.post("/m/enterprise/login", Map.of("phone", phone, "creditCode",
				code17 + (CreditCode.checkCharacter(code17) == '0' ? '1' : '0'), "enterpriseName", "x", "code", "123456"));
		assertThat(bad.body()).contains("统一社会信用代码不正确");
		HttpResponse<String> ok = b.post("/m/enterprise/login", Map.of("phone", phone, "creditCode", creditCode,
				"enterpriseName", "榴乡食品有限公司", "code", sms.lastCodeTo(phone).orElseThrow()));
		assertThat(ok.statusCode()).isEqualTo(302);
		assertThat(b.get("/m/requests/new").body()).contains("企业发展诉求").contains("绿色通道").doesNotContain("id=\"townId\"");
		HttpResponse<String> created = b.post("/m/requests", Map.of("categoryCode", "business.approval", "description",
				"新厂房消防验收排期太久，影响投产"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
		String trackingNo = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/m/requests/([0-9-]+).*", "$1");
		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.type()).isEqualTo(CaseType.DEVELOPMENT);
		assertThat(c.greenChannel()).isTrue();
		assertThat(c.status()).isEqualTo(CaseStatus.DISTRICT_TRIAGE);
		assertThat(jdbc.sql("select name from org_unit where credit_code = ?").param(creditCode).query(String.class).single())
			.isEqualTo("榴乡食品有限公司");
		assertThat(queries.find(CaseQuery.ofRequester(c.requesterUsername(), 5))).hasSize(1);
	}

	@Test
	@DisplayName("the public lookup needs the right last 4 digits and is limited per IP (429 page)")
	void lookupLimits() {
		String trackingNo = livelihood("citizen", "tanshan", "公园路灯不亮").path("trackingNo").asString();
		Browser b = new Browser();
		b.get("/m/lookup");
		assertThat(b.post("/m/lookup", Map.of("trackingNo", trackingNo, "last4", "0000")).body()).contains("没有找到");
		assertThat(b.post("/m/lookup", Map.of("trackingNo", trackingNo, "last4", "5678")).body()).contains("镇街受理中")
			.doesNotContain("13812345678").doesNotContain("李四");
		HttpResponse<String> last = null;
		for (int i = 0; i < 10; i++) {
			last = b.post("/m/lookup", Map.of("trackingNo", "20990101-000001", "last4", "1234"));
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.body()).contains("操作过于频繁");
	}
}
