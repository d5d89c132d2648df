package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

/**
 * Response headers and body size limits over HTTP (ADR 0030): the strict CSP and the other security
 * headers on pages, API answers and errors, HSTS only for requests that came over TLS (X-Forwarded-Proto
 * from the trusted proxy), and oversized JSON, chunked, form and multipart bodies answered 413, never 500.
 */
class WebHardeningHttpTests extends ApiTestSupport {

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
	}

	private static String header(HttpResponse<?> r, String name) {
		return r.headers().firstValue(name).orElse(null);
	}

	@Nested
	class Headers {

		@Test
		@DisplayName("pages, API answers and errors carry the strict CSP and the other security headers")
		void strictPolicyEverywhere() {
			for (String path : new String[] { "/login", "/m/login", "/public", "/screen", "/watch", "/",
					"/api/v1/cases", "/no-such-page", "/css/sudi.css" }) {
				HttpResponse<String> r = send(request(path).header("Accept", "text/html"));
				String csp = header(r, "Content-Security-Policy");
				assertThat(csp).as(path).isNotNull()
					.contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "object-src 'none'",
							"base-uri 'self'", "frame-ancestors 'none'", "form-action 'self'")
					.doesNotContain("unsafe-inline", "unsafe-eval");
				assertThat(header(r, "X-Content-Type-Options")).as(path).isEqualTo("nosniff");
				assertThat(header(r, "X-Frame-Options")).as(path).isEqualTo("DENY");
				assertThat(header(r, "Referrer-Policy")).as(path).isEqualTo("same-origin");
				assertThat(header(r, "Permissions-Policy")).as(path).contains("camera=()", "geolocation=(self)");
				assertThat(header(r, "Strict-Transport-Security")).as(path + " over plain HTTP").isNull();
			}
		}

		@Test
		@DisplayName("HSTS when the request came over TLS through the proxy (X-Forwarded-Proto: https)")
		void hstsBehindTls() {
			HttpResponse<String> r = send(request("/login").header("X-Forwarded-Proto", "https"));
			assertThat(header(r, "Strict-Transport-Security")).startsWith("max-age=31536000").contains("includeSubDomains");
			HttpResponse<String> api = send(request("/api/v1/cases").header("X-Forwarded-Proto", "https"));
			assertThat(api.statusCode()).isEqualTo(401);
			assertThat(header(api, "Strict-Transport-Security")).startsWith("max-age=31536000");
		}

		@Test
		@DisplayName("Swagger UI gets its own policy: inline styles and data: images, still no inline script")
		void swaggerPolicy() {
			HttpResponse<String> r = send(request("/swagger-ui/index.html"));
			assertThat(r.statusCode()).isEqualTo(200);
			assertThat(header(r, "Content-Security-Policy")).contains("script-src 'self';",
					"style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "frame-ancestors 'none'");
		}
	}

	@Nested
	class OutputEncoding {

		@Test
		@DisplayName("markup in a case's title, text and address comes out escaped on the console pages")
		void casePagesEscape() {
			String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
			String id = submit("hotline", java.util.Map.of("type", "LIVELIHOOD", "title", "XSS " + payload,
					"description", "内容 " + payload, "townId", org("tanshan"), "location",
					java.util.Map.of("lat", 34.77, "lon", 117.59, "address", "地址 " + payload))).path("id").asString();
			var session = org.sudi.console.WebSession.signIn(port, "hotline");
			String casePage = session.get("/console/cases/" + id).body();
			assertThat(casePage).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
				.doesNotContain(payload).doesNotContain("<img src=x");
			assertThat(session.get("/console/cases").body()).doesNotContain(payload).doesNotContain("<img src=x");
		}
	}

	@Nested
	class BodySizes {

		@Test
		@DisplayName("a JSON body over 1 MB is a 413 problem before anything reads it")
		void jsonTooLarge() {
			String big = "{\"type\":\"LIVELIHOOD\",\"title\":\"t\",\"description\":\"" + "x".repeat(1_200_000) + "\"}";
			HttpResponse<String> r = send(request("/api/v1/cases").header("Authorization", "Bearer " + api.token("hotline"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(big)));
			assertThat(r.statusCode()).isEqualTo(413);
			assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
			assertThat(r.body()).contains("\"status\":413");
		}

		@Test
		@DisplayName("a chunked JSON body (no Content-Length) is cut off past 1 MB: 413 problem")
		void chunkedTooLarge() {
			byte[] big = ("{\"type\":\"LIVELIHOOD\",\"title\":\"t\",\"description\":\"" + "x".repeat(1_200_000) + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			HttpResponse<String> r = send(request("/api/v1/cases").header("Authorization", "Bearer " + api.token("hotline"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
			assertThat(r.statusCode()).isEqualTo(413);
			assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
		}

		@Test
		@DisplayName("a form post over 1 MB is a 413, for the sign-in form as for any other")
		void formTooLarge() {
			HttpResponse<String> r = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.header("Accept", "text/html")
				.POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + "x".repeat(1_100_000))));
			assertThat(r.statusCode()).isEqualTo(413);
			assertThat(header(r, "Content-Type")).startsWith("text/html");
			assertThat(r.body()).contains("413");
		}

		@Test
		@DisplayName("a multipart file over spring.servlet.multipart.max-file-size (20 MB) is a 413 problem")
		void multipartFileTooLarge() {
			String boundary = "----sudi-limit";
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n"
					+ "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] body = new byte[head.length + 21 * 1024 * 1024 + tail.length];
			System.arraycopy(head, 0, body, 0, head.length);
			System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
			HttpResponse<String> r = send(request("/api/v1/attachments").header("Authorization", "Bearer " + api.token("hotline"))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
			assertThat(r.statusCode()).isEqualTo(413);
			assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
		}

		@Test
		@DisplayName("a multipart request declaring more than max-request-size (60 MB) is refused at once with 413")
		void multipartRequestTooLarge() throws IOException {
			String response = rawPost("/api/v1/attachments", "multipart/form-data; boundary=x", 61L * 1024 * 1024,
					"Authorization: Bearer " + api.token("hotline") + "\r\n");
			assertThat(response).startsWith("HTTP/1.1 413");
			assertThat(response).contains("application/problem+json");
		}

		@Test
		@DisplayName("a JSON body declaring 100 MB is refused before a byte of it is read")
		void hugeDeclaredLength() throws IOException {
			String response = rawPost("/api/v1/auth/token", "application/json", 100L * 1024 * 1024, "");
			assertThat(response).startsWith("HTTP/1.1 413");
		}

		/** Sends only the head of a request declaring {@code length} bytes and reads the answer. */
		private String rawPost(String path, String type, long length, String headers) throws IOException {
			try (Socket socket = new Socket("localhost", port)) {
				socket.setSoTimeout(20_000);
				OutputStream out = socket.getOutputStream();
				out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
						+ "\r\nContent-Length: " + length + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
				out.write(new byte[1024]);
				out.flush();
				InputStream in = socket.getInputStream();
				byte[] buffer = new byte[8192];
				int n = in.read(buffer);
				return n < 0 ? "" : new String(Arrays.copyOf(buffer, n), StandardCharsets.UTF_8);
			}
		}
	}
}
