package org.sudi.proof;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.sudi.Api;

/**
 * One user of every door at once: a bearer token for {@code /api/**} and a browser session (form
 * sign-in, cookie, CSRF token) for the pages, both as the same account; or nobody at all. Each caller
 * talks to its own loopback address (127.0.0.N), so the per-IP limits of one do not spill onto another.
 * Never follows redirects.
 */
final class Caller {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	final String username;
	private final String base;
	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
	private String token;
	private String csrf;

	record Reply(int status, String body, String location, String contentType) {

		boolean redirectTo(String suffix) {
			return status / 100 == 3 && location != null && location.replaceAll("\\?.*$", "").endsWith(suffix);
		}
	}

	/** A signed-in account ({@code username}), or an anonymous visitor ({@code null}). */
	Caller(String username, int port, int loopback) {
		this.username = username;
		this.base = "http://127.0.0." + loopback + ":" + port;
		Reply login = send("GET", "/login", null, null);
		this.csrf = token(login.body());
		if (username != null) {
			Reply r = send("POST", "/login", "application/x-www-form-urlencoded",
					form(Map.of("username", username, "password", Api.PASSWORD, "_csrf", csrf)).getBytes(StandardCharsets.UTF_8));
			if (r.status() != 302 || !r.location().endsWith("/console")) {
				throw new IllegalStateException("cannot sign in as " + username + ": " + r.status() + " " + r.location());
			}
			Reply console = send("GET", "/console", null, null);
			if (console.redirectTo("/console/sign-in/totp") && org.sudi.DemoTotp.codeFor(username) != null) {
				// The demo admin's second step: the code of its authenticator app (the demo TOTP secret).
				this.csrf = token(send("GET", "/console/sign-in/totp", null, null).body());
				send("POST", "/console/sign-in/totp", "application/x-www-form-urlencoded", form(Map.of("code",
						org.sudi.DemoTotp.codeFor(username), "_csrf", csrf)).getBytes(StandardCharsets.UTF_8));
				console = send("GET", "/console", null, null);
			}
			this.csrf = token(console.body());
			this.token = new Api(port).token(username);
		}
	}

	String csrf() {
		return csrf;
	}

	String label() {
		return username == null ? "anonymous" : username;
	}

	Reply json(String method, String path, String json) {
		return send(method, path, json == null ? null : "application/json",
				json == null ? null : json.getBytes(StandardCharsets.UTF_8));
	}

	/** A form post from the session's pages, with its CSRF token. */
	Reply form(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		withToken.put("_csrf", csrf);
		return send("POST", path, "application/x-www-form-urlencoded", form(withToken).getBytes(StandardCharsets.UTF_8));
	}

	/** One file as multipart/form-data (plus the CSRF token). */
	Reply multipart(String path, String field, String filename, byte[] content) {
		String boundary = "----sudiproof" + System.nanoTime();
		return send("POST", path, "multipart/form-data; boundary=" + boundary,
				org.sudi.console.WebSession.multipartBody(boundary, csrf, field, filename, content));
	}

	/** A JSON post with an integration client's key instead of a token. */
	Reply sendWithKey(String path, String apiKey, String json) {
		return send("POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of("X-Api-Key", apiKey));
	}

	Reply send(String method, String path, String contentType, byte[] body) {
		return send(method, path, contentType, body, Map.of());
	}

	Reply send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (token != null && path.startsWith("/api/")) {
			b.header("Authorization", "Bearer " + token);
		}
		if (path.startsWith("/api/")) {
			b.header("Accept", path.contains("/feed") ? "text/event-stream" : "application/json");
		}
		if (contentType != null) {
			b.header("Content-Type", contentType);
		}
		headers.forEach(b::header);
		b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
		try {
			HttpResponse<java.io.InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
			String type = r.headers().firstValue("Content-Type").orElse("");
			String text;
			try (java.io.InputStream in = r.body()) {
				// A live event stream never ends: its status and headers are the answer.
				text = type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			return new Reply(r.statusCode(), text, r.headers().firstValue("Location").orElse(null), type);
		}
		catch (IOException e) {
			throw new IllegalStateException(method + " " + path + " as " + label() + ": " + e, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** The path of a redirect's target on this server, or null. */
	static String localPath(String location) {
		return location == null ? null : location.replaceFirst("^https?://[^/]+", "");
	}

	private static String token(String html) {
		Matcher m = CSRF.matcher(html == null ? "" : html);
		return m.find() ? m.group(1) : "";
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}
}
