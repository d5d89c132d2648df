package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;
import org.sudi.platform.RateLimiter;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the Open311 POST (ADR 0030): a retried POST gets the first
 * service_request_id and creates nothing; the same key with another description is a 422 in Open311's
 * error format.
 */
class Open311IdempotencyTests extends ApiTestSupport {

	@Autowired
	RateLimiter limiter;

	@Autowired
	JdbcClient jdbc;

	RawHttp raw;
	String apiKey;

	@BeforeEach
	void setUp() {
		raw = new RawHttp(port);
		limiter.reset();
		apiKey = as("admin").post("/api/v1/integrations/clients", Map.of("name", "幂等 app", "kind", "OPEN311")).text("apiKey");
	}

	HttpResponse<String> post(String key, String description) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("api_key", apiKey);
		form.put("service_code", "cityscape.garbage");
		form.put("address_string", "文化路12号");
		form.put("description", description);
		form.put("attribute[town]", "tanshan");
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return raw.send("POST", "/open311/v2/requests.json", Map.of("Content-Type",
				"application/x-www-form-urlencoded; charset=utf-8", "Idempotency-Key", key), body.toString());
	}

	@Test
	@DisplayName("a retried POST with the same key gets the first service_request_id; another body with it is a 422")
	void retryReplays() {
		String description = "垃圾桶满了 幂等 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = post(key, description);
		HttpResponse<String> again = post(key, description);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
		JsonMapper json = JsonMapper.builder().build();
		String id = json.readTree(first.body()).get(0).path("service_request_id").asString();
		assertThat(id).isNotBlank();
		assertThat(json.readTree(again.body()).get(0).path("service_request_id").asString()).isEqualTo(id);
		assertThat(jdbc.sql("select count(*) from cases where description = :d").param("d", description)
			.query(Long.class).single()).isEqualTo(1);
		HttpResponse<String> other = post(key, description + " 改");
		assertThat(other.statusCode()).isEqualTo(422);
		assertThat(json.readTree(other.body()).get(0).path("code").asInt()).isEqualTo(422);
	}
}
