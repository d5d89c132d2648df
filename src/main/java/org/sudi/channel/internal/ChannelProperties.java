package org.sudi.channel.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/** The channel module's settings ({@code sudi.channel.*}). */
@ConfigurationProperties("sudi.channel")
public record ChannelProperties(String publicBaseUrl, Sms sms, Limits limits, Open311 open311, Wechat wechat,
		Map map) {

	public ChannelProperties {
		publicBaseUrl = StringUtils.hasText(publicBaseUrl) ? publicBaseUrl.replaceAll("/+$", "") : "http://localhost:8080";
		sms = sms == null ? new Sms(null, 0, null, 0) : sms;
		limits = limits == null ? new Limits(0, 0, 0, 0, null, null) : limits;
		open311 = open311 == null ? new Open311(null, null, null, null) : open311;
		wechat = wechat == null ? new Wechat(null, null, null, null) : wechat;
		map = map == null ? new Map(null, null) : map;
	}

	/**
	 * One-time sign-in codes: valid for {@code codeTtl}, {@code maxAttempts} wrong tries per code, a new
	 * code at most every {@code resendInterval}, at most {@code dailyLimit} codes per number a day.
	 */
	public record Sms(Duration codeTtl, int maxAttempts, Duration resendInterval, int dailyLimit) {
		public Sms {
			codeTtl = codeTtl == null ? Duration.ofMinutes(5) : codeTtl;
			maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
			resendInterval = resendInterval == null ? Duration.ofSeconds(60) : resendInterval;
			dailyLimit = dailyLimit <= 0 ? 10 : dailyLimit;
		}
	}

	/**
	 * Abuse control: requests per minute per IP on public pages and APIs, per integration client, public
	 * lookups per IP per minute, submissions per account per hour; body size limits.
	 */
	public record Limits(int perIpPerMinute, int perClientPerMinute, int lookupsPerIpPerMinute,
			int submissionsPerAccountPerHour, DataSize maxBody, DataSize maxUpload) {
		public Limits {
			perIpPerMinute = perIpPerMinute <= 0 ? 120 : perIpPerMinute;
			perClientPerMinute = perClientPerMinute <= 0 ? 600 : perClientPerMinute;
			lookupsPerIpPerMinute = lookupsPerIpPerMinute <= 0 ? 10 : lookupsPerIpPerMinute;
			submissionsPerAccountPerHour = submissionsPerAccountPerHour <= 0 ? 20 : submissionsPerAccountPerHour;
			maxBody = maxBody == null ? DataSize.ofKilobytes(64) : maxBody;
			maxUpload = maxUpload == null ? DataSize.ofMegabytes(60) : maxUpload;
		}
	}

	/**
	 * Open311 GeoReport v2: the jurisdiction it serves, the discovery texts, and whether POST answers with
	 * the request id at once ({@code realtime}) or with a token to look it up ({@code batch}).
	 */
	public record Open311(String jurisdictionId, String contact, String keyService, String type) {
		public Open311 {
			jurisdictionId = StringUtils.hasText(jurisdictionId) ? jurisdictionId : "yicheng.gov.cn";
			contact = StringUtils.hasText(contact) ? contact : "峄城区社会治理指挥中心 Yicheng District command centre";
			keyService = StringUtils.hasText(keyService) ? keyService
					: "API keys are issued by the district administrator (POST /api/v1/integrations/clients)";
			type = "batch".equals(type) ? "batch" : "realtime";
		}
	}

	/**
	 * The WeChat official account (公众号). Without an app id, secret and token the WeChat endpoints are
	 * off; {@code aesKey} (43 characters) enables the safe (encrypted) mode.
	 */
	public record Wechat(String appId, String secret, String token, String aesKey) {
		public boolean configured() {
			return StringUtils.hasText(appId) && StringUtils.hasText(secret) && StringUtils.hasText(token);
		}
	}

	/** The map on the portal: only with a tile URL template ({x}, {y}, {z}); otherwise no map is shown. */
	public record Map(String tileUrl, String attribution) {
		public boolean enabled() {
			return StringUtils.hasText(tileUrl);
		}
	}
}
