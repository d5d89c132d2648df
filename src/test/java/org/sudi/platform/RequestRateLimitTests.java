package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.sudi.IntegrationTest;

/**
 * Requests per source address (ADR 0030), in a context of its own with small capacities
 * ({@code sudi.web.rate-limits.*}; the shared test context switches them off in effect). The address is
 * the client's as nginx reports it in X-Forwarded-For (the test connects from 127.0.0.1, a trusted
 * proxy): over the limit one address gets 429 with Retry-After, another address still gets through.
 * The context is closed afterwards, so its schedulers do not linger beside the shared one.
 */
@IntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = {
		"sudi.web.rate-limits.console-sign-in.capacity=3",
		"sudi.web.rate-limits.api-token.capacity=3",
		"sudi.web.rate-limits.sms-code.capacity=2",
		"sudi.web.rate-limits.public-submission.capacity=2",
		"sudi.web.rate-limits.open311-post.capacity=2" })
class RequestRateLimitTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> post(String path, String from, String type, String accept, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-Forwarded-For", from)
			.header("Content-Type", type)
			.header("Accept", accept)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private static final String FORM = "application/x-www-form-urlencoded";

	@Test
	@DisplayName("console sign-in: the 4th POST /login from one address within 5 minutes is a 429 page with Retry-After")
	void consoleSignIn() {
		for (int i = 0; i < 3; i++) {
			assertThat(post("/login", "203.0.113.10", FORM, "text/html", "username=admin&password=wrong").statusCode())
				.isNotEqualTo(429);
		}
		HttpResponse<String> limited = post("/login", "203.0.113.10", FORM, "text/html", "username=admin&password=wrong");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 300L);
		assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
		assertThat(limited.body()).contains("请求过于频繁").contains("Too many requests");
		assertThat(post("/login", "203.0.113.11", FORM, "text/html", "username=admin&password=wrong").statusCode())
			.as("another address").isNotEqualTo(429);
	}

	@Test
	@DisplayName("token: the 4th POST /api/v1/auth/token from one address is a 429 problem with Retry-After")
	void token() {
		String body = "{\"username\":\"admin\",\"password\":\"wrong\"}";
		for (int i = 0; i < 3; i++) {
			assertThat(post("/api/v1/auth/token", "203.0.113.20", "application/json", "application/json", body).statusCode())
				.isEqualTo(401);
		}
		HttpResponse<String> limited = post("/api/v1/auth/token", "203.0.113.20", "application/json", "application/json", body);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(limited.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(limited.body()).contains("\"status\":429");
		assertThat(post("/api/v1/auth/token", "203.0.113.21", "application/json", "application/json", body).statusCode())
			.isEqualTo(401);
	}

	@Test
	@DisplayName("SMS codes: the 3rd code request from one address is a 429")
	void smsCodes() {
		for (int i = 0; i < 2; i++) {
			assertThat(post("/m/login/code", "203.0.113.30", FORM, "text/html", "phone=1390000000" + i).statusCode())
				.isNotEqualTo(429);
		}
		HttpResponse<String> limited = post("/m/enterprise/login/code", "203.0.113.30", FORM, "text/html", "phone=13900000009");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
	}

	@Test
	@DisplayName("public submission: the 3rd POST /m/requests from one address is a 429")
	void publicSubmission() {
		for (int i = 0; i < 2; i++) {
			assertThat(post("/m/requests", "203.0.113.40", FORM, "text/html", "description=x").statusCode()).isNotEqualTo(429);
		}
		assertThat(post("/m/requests", "203.0.113.40", FORM, "text/html", "description=x").statusCode()).isEqualTo(429);
	}

	@Test
	@DisplayName("Open311: the 3rd POST from one address is a 429 in Open311's error format")
	void open311() {
		for (int i = 0; i < 2; i++) {
			assertThat(post("/open311/v2/requests.json", "203.0.113.50", FORM, "application/json", "api_key=nope").statusCode())
				.isNotEqualTo(429);
		}
		HttpResponse<String> limited = post("/open311/v2/requests.json", "203.0.113.50", FORM, "application/json", "api_key=nope");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		assertThat(limited.body()).startsWith("[{\"code\":429,");
	}
}
