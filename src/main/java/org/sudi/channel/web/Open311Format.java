package org.sudi.channel.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes GeoReport v2 answers in both formats from one tree of maps and lists: XML with the
 * specification's element names (a list is written as its wrapper element with one child per item,
 * named by {@link #ITEM}), JSON by the Spark convention (the root's content, lists as arrays). Datetimes
 * are W3C (ISO 8601 with offset); content types carry charset=utf-8.
 */
final class Open311Format {

	static final String XML = "text/xml; charset=utf-8";
	static final String JSON = "application/json; charset=utf-8";

	/** The element name of one item of each list. */
	static final Map<String, String> ITEM = Map.of("services", "service", "attributes", "attribute", "values", "value",
			"endpoints", "endpoint", "formats", "format", "service_requests", "request", "errors", "error",
			"service_requests_updates", "request_update");

	static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Open311Format() {
	}

	static String datetime(Instant instant) {
		return instant == null ? null
				: DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(ZONE));
	}

	static ResponseEntity<String> respond(String format, HttpStatus status, String root, Object body) {
		boolean json = "json".equals(format);
		return ResponseEntity.status(status)
			.header(HttpHeaders.CONTENT_TYPE, json ? JSON : XML)
			.body(json ? MAPPER.writeValueAsString(body) : xml(root, body));
	}

	static ResponseEntity<String> errors(String format, int status, String description) {
		return respond(format, HttpStatus.valueOf(status), "errors",
				List.of(new java.util.LinkedHashMap<>(Map.of("code", status, "description", description))));
	}

	static String xml(String root, Object body) {
		StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
		element(out, root, body);
		return out.toString();
	}

	private static void element(StringBuilder out, String name, Object value) {
		if (value == null) {
			out.append('<').append(name).append("/>");
			return;
		}
		out.append('<').append(name).append('>');
		if (value instanceof Map<?, ?> map) {
			map.forEach((k, v) -> element(out, k.toString(), v));
		}
		else if (value instanceof List<?> list) {
			String item = ITEM.getOrDefault(name, "item");
			list.forEach(v -> element(out, item, v));
		}
		else {
			escape(out, value.toString());
		}
		out.append("</").append(name).append('>');
	}

	private static void escape(StringBuilder out, String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '&' -> out.append("&amp;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&apos;");
				default -> {
					// Characters XML 1.0 cannot carry are dropped.
					if (c >= 0x20 || c == '\n' || c == '\r' || c == '\t') {
						out.append(c);
					}
				}
			}
		}
	}
}
