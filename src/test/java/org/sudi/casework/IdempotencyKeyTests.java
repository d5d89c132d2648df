package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on {@code POST /api/v1/cases} over HTTP (ADR 0030): a retry gets the first
 * case back and no second case exists; another body with the same key is a 422 problem; the key is per
 * caller; eight concurrent retries create one case; an expired key starts afresh; a malformed key is 400.
 */
class IdempotencyKeyTests extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	JdbcClient jdbc;

	private Map<String, Object> body(String title) {
		return Map.of("type", "LIVELIHOOD", "title", title, "description", title + "，请尽快处理。", "townId", org("tanshan"));
	}

	record Answer(int status, JsonNode body, String replayed) {
	}

	private Answer post(String username, String key, Map<String, Object> body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases"))
			.header("Authorization", "Bearer " + api.token(username))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Api.json(body)));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		try {
			HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Idempotent-Replayed").orElse(null));
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private long casesTitled(String title) {
		return jdbc.sql("select count(*) from cases where title = :t").param("t", title).query(Long.class).single();
	}

	@Test
	@DisplayName("a retry with the same key and body gets the first case (same number), and there is one case")
	void retryReplays() {
		String title = "幂等重试 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		Answer first = post("hotline", key, body(title));
		Answer second = post("hotline", key, body(title));
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.replayed()).isEqualTo("false");
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.replayed()).isEqualTo("true");
		assertThat(second.body().path("id").asString()).isEqualTo(first.body().path("id").asString());
		assertThat(second.body().path("trackingNo").asString()).isNotBlank().isEqualTo(first.body().path("trackingNo").asString());
		assertThat(casesTitled(title)).isEqualTo(1);
	}

	@Test
	@DisplayName("the same key with a different body is a 422 problem and creates nothing")
	void differentBodyRefused() {
		String title = "幂等冲突 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		assertThat(post("hotline", key, body(title)).status()).isEqualTo(201);
		Answer other = post("hotline", key, body(title + " 改"));
		assertThat(other.status()).isEqualTo(422);
		assertThat(other.body().path("title").asString()).isEqualTo("Idempotency-Key reused");
		assertThat(casesTitled(title + " 改")).isZero();
	}

	@Test
	@DisplayName("a key is per caller: another caller's same key creates another case; no key, no replay")
	void perCaller() {
		String title = "幂等调用者 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		Answer hotline = post("hotline", key, body(title));
		Answer dispatcher = post("dispatcher", key, body(title));
		assertThat(dispatcher.status()).isEqualTo(201);
		assertThat(dispatcher.body().path("id").asString()).isNotEqualTo(hotline.body().path("id").asString());
		assertThat(post("hotline", null, body(title)).status()).isEqualTo(201);
		assertThat(casesTitled(title)).isEqualTo(3);
	}

	@Test
	@DisplayName("eight concurrent retries with one key create exactly one case and all get it")
	void concurrentRetries() throws Exception {
		String title = "幂等并发 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		api.token("hotline");
		Map<String, Object> body = body(title);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return post("hotline", key, body);
				}));
			}
			start.countDown();
			Set<String> ids = new HashSet<>();
			int fresh = 0;
			for (Future<Answer> f : answers) {
				Answer a = f.get();
				assertThat(a.status()).as(a.body().toString()).isEqualTo(201);
				ids.add(a.body().path("id").asString());
				fresh += "false".equals(a.replayed()) ? 1 : 0;
			}
			assertThat(ids).hasSize(1);
			assertThat(fresh).isEqualTo(1);
			assertThat(casesTitled(title)).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	@DisplayName("a key is kept for sudi.idempotency.ttl (24 h); once expired the same key creates a new case")
	void expiry() {
		String title = "幂等过期 " + UUID.randomUUID();
		String key = UUID.randomUUID().toString();
		Answer first = post("hotline", key, body(title));
		long hours = jdbc.sql("select extract(epoch from expires_at - created_at) / 3600 from idempotency_key where key = :k")
			.param("k", key).query(Double.class).single().longValue();
		assertThat(hours).isEqualTo(24);
		jdbc.sql("update idempotency_key set expires_at = now() - interval '1 second', created_at = now() - interval '25 hours' where key = :k")
			.param("k", key).update();
		Answer later = post("hotline", key, body(title));
		assertThat(later.status()).isEqualTo(201);
		assertThat(later.replayed()).isEqualTo("false");
		assertThat(later.body().path("id").asString()).isNotEqualTo(first.body().path("id").asString());
		assertThat(casesTitled(title)).isEqualTo(2);
	}

	@Test
	@DisplayName("a malformed key (too long, control characters) is a 400 problem")
	void malformedKey() {
		assertThat(post("hotline", "k".repeat(300), body("幂等坏键")).status()).isEqualTo(400);
	}
}
