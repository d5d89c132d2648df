package org.sudi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the JSON API, as a user of it would call it: sign in once per account,
 * then send JSON and read JSON back, whatever the status.
 */
public final class Api {

	public static final String PASSWORD = "sudi-demo";

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public record Response(int status, JsonNode body, HttpResponse<String> raw) {

		public String header(String name) {
			return raw.headers().firstValue(name).orElse(null);
		}

		public String text(String field) {
			JsonNode node = body.path(field);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}
	}

	/** Forgets every token signed in so far (e.g. after a test moved the clock past their expiry). */
	public static void forgetTokens() {
		TOKENS.clear();
	}

	/** A client acting as one demo account. */
	public As as(String username) {
		return new As(token(username));
	}

	/** The bearer token of a demo account, signing in once. */
	public String token(String username) {
		return TOKENS.computeIfAbsent(base + "|" + username, k -> {
			Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "password", PASSWORD));
			if (DemoTotp.codeFor(username) != null) {
				body.put("totp", DemoTotp.codeFor(username)); // the demo admin signs in with a second factor
			}
			Response r = send("POST", "/api/v1/auth/token", null, body);
			if (r.status() != 200) {
				throw new IllegalStateException("Cannot sign in as " + username + ": " + r.raw().body());
			}
			return r.text("access_token");
		});
	}

	/** Posts a plain-text body (imports). */
	public Response sendText(String path, String token, String text) {
		return execute(HttpRequest.newBuilder(URI.create(base + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "text/plain; charset=UTF-8")
			.POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8))
			.build());
	}

	public final class As {

		private final String token;

		As(String token) {
			this.token = token;
		}

		public Response get(String path) {
			return send("GET", path, token, null);
		}

		public Response post(String path, Object body) {
			return send("POST", path, token, body);
		}

		public Response put(String path, Object body) {
			return send("PUT", path, token, body);
		}

		public Response delete(String path) {
			return send("DELETE", path, token, null);
		}

		public Response upload(String filename, byte[] content) {
			String boundary = "----sudi" + UUID.randomUUID();
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			try {
				out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
						+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
				out.write(content);
				out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/attachments"))
				.header("Authorization", "Bearer " + token)
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()))
				.build();
			return execute(request);
		}

		public HttpResponse<byte[]> download(String path) {
			try {
				return http.send(HttpRequest.newBuilder(URI.create(base + path))
					.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
			}
			catch (IOException | InterruptedException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	public Response send(String method, String path, String token, Object body) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
			.header("Accept", "application/json");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		if (body == null) {
			builder.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String json = body instanceof String s ? s : JSON.writeValueAsString(body);
			builder.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		}
		return execute(builder.build());
	}

	private Response execute(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			String text = response.body();
			JsonNode node = text == null || text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
			return new Response(response.statusCode(), node, response);
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}

	public static String json(Object value) {
		return JSON.writeValueAsString(value);
	}
}
