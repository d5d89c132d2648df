package org.sudi.channel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Plain HTTP calls with any headers, for the endpoints that do not take bearer tokens. */
final class RawHttp {

	private final HttpClient http = HttpClient.newHttpClient();
	private final String base;

	RawHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
		headers.forEach(b::header);
		b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return execute(b.build());
	}

	HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
		headers.forEach(b::header);
		b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		return execute(b.build());
	}

	HttpResponse<String> get(String path) {
		return send("GET", path, Map.of(), (String) null);
	}

	HttpResponse<String> execute(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException | InterruptedException e) {
			throw new IllegalStateException(e);
		}
	}
}
