package org.sudi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.sudi.DemoTotp;

/**
 * A browser-less user of the console pages: signs in through the form (with its CSRF token), keeps
 * the session cookie, fetches pages and posts forms as a browser would, without following redirects.
 */
public final class WebSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER).build();
	private final String base;
	private String csrf;

	public record Page(int status, String body, String location) {
	}

	public WebSession(int port) {
		this.base = "http://localhost:" + port;
	}

	public static WebSession signIn(int port, String username) {
		return signIn(port, username, "sudi-demo");
	}

	public static WebSession signIn(int port, String username, String password) {
		WebSession s = new WebSession(port);
		Page r = s.signInForm(username, password);
		assertThat(r.status()).as("sign-in of " + username).isEqualTo(302);
		String step = s.get("/console").location();
		if (step != null && step.endsWith("/console/sign-in/totp") && DemoTotp.codeFor(username) != null) {
			// The demo admin's second step: the code of its authenticator app (the demo TOTP secret).
			s.csrf = token(s.get("/console/sign-in/totp").body());
			r = s.send("POST", "/console/sign-in/totp", Map.of("code", DemoTotp.codeFor(username), "_csrf", s.csrf));
			assertThat(r.status()).as("second factor of " + username).isEqualTo(302);
		}
		assertThat(r.location()).as("sign-in of " + username).endsWith("/console");
		s.csrf = token(s.get("/console").body());
		return s;
	}

	/** Posts the sign-in form (with the login page's CSRF token) and answers what the server said. */
	public Page signInForm(String username, String password) {
		csrf = token(get("/login").body());
		return send("POST", "/login", Map.of("username", username, "password", password, "_csrf", csrf));
	}

	/** Takes the CSRF token from this page (after the session changed, e.g. a sign-in step). */
	public void refreshCsrf(String path) {
		csrf = token(get(path).body());
	}

	public Page get(String path) {
		return send("GET", path, null);
	}

	/** Posts a form with the session's CSRF token. */
	public Page post(String path, Map<String, String> form) {
		Map<String, String> withToken = new LinkedHashMap<>(form);
		withToken.put("_csrf", csrf);
		return send("POST", path, withToken);
	}

	/** Posts a form without a CSRF token (a forged request). */
	public Page postWithoutToken(String path, Map<String, String> form) {
		return send("POST", path, form);
	}

	/** A multipart/form-data body: the CSRF token, then one file in {@code field}. */
	public static byte[] multipartBody(String boundary, String csrf, String field, String filename, byte[] content) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n")
			.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(content);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** Posts one file as multipart/form-data (field {@code field}), with the CSRF token. */
	public Page upload(String path, String field, String filename, byte[] content) {
		String boundary = "----sudi" + System.nanoTime();
		try {
			HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofByteArray(multipartBody(boundary, csrf, field, filename, content)))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private Page send(String method, String path, Map<String, String> form) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
		if (form == null) {
			b.GET();
		}
		else {
			String body = form.entrySet().stream()
				.map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
				.collect(Collectors.joining("&"));
			b.header("Content-Type", "application/x-www-form-urlencoded").method(method,
					HttpRequest.BodyPublishers.ofString(body));
		}
		try {
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Page(r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static String token(String html) {
		Matcher m = CSRF.matcher(html);
		assertThat(m.find()).as("a CSRF token in the page").isTrue();
		return m.group(1);
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}
