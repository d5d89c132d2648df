package org.sudi.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * Malformed and hostile input over HTTP, generated from the application's own route list: every JSON
 * POST/PUT endpoint gets broken JSON, the wrong shape, wrong types and huge numbers in each field of
 * its body, missing and unknown fields, invalid UTF-8, overlong strings and very deep nesting; every
 * route with path variables gets values that are not ids; the page forms get broken encodings. The
 * answer is always a clean 4xx — for the API an RFC 9457 problem, for pages a page — never a 500 and
 * never a stack trace. Script put into a case is stored and shown inert (escaped) on the console's case
 * page and list, the citizen's portal page, the screen, the public page, Open311 (XML and JSON) and
 * the API's JSON.
 */
class MalformedInputTests extends ApiTestSupport {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mapping;

	@Autowired
	org.sudi.platform.RateLimiter limiter;

	record Endpoint(String method, String pattern, HandlerMethod handler) {

		String key() {
			return method + " " + pattern;
		}
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> all = new ArrayList<>();
		mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
			for (String pattern : info.getPatternValues()) {
				info.getMethodsCondition().getMethods().forEach(m -> all.add(new Endpoint(m.name(), pattern, handler)));
			}
		});
		all.sort(java.util.Comparator.comparing(Endpoint::key));
		return all;
	}

	private static MethodParameter jsonBody(HandlerMethod handler) {
		for (MethodParameter p : handler.getMethodParameters()) {
			if (p.hasParameterAnnotation(RequestBody.class)) {
				return p;
			}
		}
		return null;
	}

	private Caller admin;
	private String policeKey;

	private Caller admin() {
		if (admin == null) {
			admin = new Caller("admin", port, 40);
			policeKey = as("admin").post("/api/v1/integrations/clients", Map.of("name", "畸形输入110", "kind", "POLICE110"))
				.text("apiKey");
		}
		return admin;
	}

	private final Map<RouteAuthorizationTests.Who, Caller> callers = new java.util.EnumMap<>(RouteAuthorizationTests.Who.class);

	/**
	 * Sends a body as a role the authorization table lets call the endpoint (so that the values reach
	 * the domain), else as the admin; on the 110 door with a 110 client's key.
	 */
	private Caller.Reply send(Endpoint e, String path, String contentType, byte[] body) {
		limiter.reset();
		admin();
		Map<String, String> headers = e.pattern().startsWith("/api/v1/integrations/police110")
				? Map.of("X-Api-Key", policeKey) : Map.of();
		RouteAuthorizationTests.Rule rule = RouteAuthorizationTests.RULES.get(e.key());
		RouteAuthorizationTests.Who who = rule == null ? null : rule.may().stream()
			.filter(w -> w != RouteAuthorizationTests.Who.ANONYMOUS).findFirst().orElse(null);
		Caller caller = who == null ? admin() : callers.computeIfAbsent(who,
				w -> new Caller(w.username, port, 50 + w.ordinal()));
		return caller.send(e.method(), path, contentType, body, headers);
	}

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

	/** Path variables as plausible values that name nothing (a random UUID, a big id, a far date…). */
	private static String plausible(String pattern) {
		Matcher m = VARIABLE.matcher(pattern);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String name = m.group(1);
			String value = switch (name) {
				case "format" -> "json";
				case "month" -> "2019-02";
				case "day" -> "2099-02-01";
				default -> pattern.contains("/accountability/") || pattern.contains("/watches/")
						|| pattern.contains("/clients/") || pattern.contains("/duties/") || pattern.contains("/accounts/")
						? "987654321" : UUID.randomUUID().toString();
			};
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	/**
	 * Never a server failure or a leaked stack trace; a refusal of the API is an RFC 9457 problem. (A
	 * value Jackson coerces, such as a number for a text, may well be accepted.)
	 */
	private static String clean(String what, Caller.Reply r, boolean api) {
		if (r.status() >= 500) {
			return what + " → " + r.status() + " " + abbreviate(r.body());
		}
		String body = r.body() == null ? "" : r.body();
		if (body.contains("\tat ") || body.contains("Exception:") || body.contains("org.springframework.")
				|| body.contains("tools.jackson") || body.contains("java.lang.")) {
			return what + " → a stack trace or class name leaked: " + abbreviate(body);
		}
		boolean importReport = what.startsWith("POST /api/v1/triage/history") && r.contentType().startsWith("application/json");
		if (api && r.status() >= 400 && r.status() != 401 && r.status() != 413 && !importReport
				&& !r.contentType().startsWith("application/problem+json")) {
			return what + " → " + r.status() + " without an RFC 9457 problem (" + r.contentType() + ")";
		}
		return null;
	}

	// ------------------------------------------------------------------ bodies of the JSON endpoints

	@Test
	void everyJsonEndpointAnswersBrokenBodiesWithA4xxProblem() {
		List<String> failures = new ArrayList<>();
		int checked = 0;
		for (Endpoint e : endpoints()) {
			if (!(e.method().equals("POST") || e.method().equals("PUT")) || !e.pattern().startsWith("/api/")) {
				continue;
			}
			MethodParameter body = jsonBody(e.handler());
			if (body == null) {
				continue;
			}
			String path = plausible(e.pattern());
			Map<String, byte[]> payloads = new LinkedHashMap<>();
			if (body.getParameterType() == String.class) {
				// Text imports: broken encodings and huge texts are refused, never a failure.
				payloads.put("invalid UTF-8", new byte[] { 'a', (byte) 0xff, (byte) 0xfe, '\n', (byte) 0xc3, '\t' });
				payloads.put("NUL bytes", "text\u0000\n\u0000\u0000".getBytes(StandardCharsets.UTF_8));
				payloads.put("200k one line", "x".repeat(200_000).getBytes(StandardCharsets.UTF_8));
				String type = e.pattern().contains("history") ? "text/csv" : "text/plain";
				for (var p : payloads.entrySet()) {
					checked++;
					String failure = clean(e.key() + " with " + p.getKey(), send(e, path, type + "; charset=UTF-8", p.getValue()), true);
					if (failure != null) {
						failures.add(failure);
					}
				}
				continue;
			}
			payloads.put("broken JSON", "{\"a\":".getBytes(StandardCharsets.UTF_8));
			payloads.put("not JSON", "<xml/>".getBytes(StandardCharsets.UTF_8));
			payloads.put("an array", "[1,2,3]".getBytes(StandardCharsets.UTF_8));
			payloads.put("a string", "\"x\"".getBytes(StandardCharsets.UTF_8));
			payloads.put("null", "null".getBytes(StandardCharsets.UTF_8));
			payloads.put("empty", new byte[0]);
			payloads.put("nothing but unknown fields", "{\"unknown\":{\"deep\":[1]}}".getBytes(StandardCharsets.UTF_8));
			payloads.put("invalid UTF-8", new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xc3, '"', '}' });
			payloads.put("deep nesting", ("{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
				.getBytes(StandardCharsets.UTF_8));
			payloads.put("a 50,000-digit number", ("{\"a\":" + "9".repeat(50_000) + "}").getBytes(StandardCharsets.UTF_8));
			Class<?> type = body.getParameterType();
			if (type.isRecord()) {
				// Each field wrong in turn, the others as in the authorization table's minimal valid body,
				// so that a value which parses reaches the domain and the database.
				Map<String, Object> base = minimalBody(e);
				for (RecordComponent c : type.getRecordComponents()) {
					for (var wrong : wrongValues(c.getGenericType()).entrySet()) {
						Map<String, Object> json = new LinkedHashMap<>(base);
						json.put(c.getName(), wrong.getValue());
						payloads.put(c.getName() + " " + wrong.getKey(), Api.json(json).getBytes(StandardCharsets.UTF_8));
					}
				}
			}
			for (var p : payloads.entrySet()) {
				checked++;
				String failure = clean(e.key() + " with " + p.getKey(), send(e, path, "application/json", p.getValue()), true);
				if (failure != null) {
					failures.add(failure);
				}
			}
		}
		assertThat(checked).as("bodies sent").isGreaterThan(300);
		assertThat(failures).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> minimalBody(Endpoint e) {
		RouteAuthorizationTests.Rule rule = RouteAuthorizationTests.RULES.get(e.key());
		if (rule == null || !(rule.body() instanceof RouteAuthorizationTests.Json json)) {
			return Map.of();
		}
		String id = UUID.randomUUID().toString();
		RouteAuthorizationTests.Fixtures f = new RouteAuthorizationTests.Fixtures(id, id, "20990101-000001", id, id, id,
				id, id, 987654321L, 987654321L, 987654321L, "none", 987654321L, 987654321L, org("zhujian"), org("wulin"),
				org("tanshan"), "370404001001001", "urban.housing-quality", "none");
		Object value = json.value().apply(f);
		return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

	/** Values of the wrong type, and extreme values of the right one, for a field of this type. */
	private static Map<String, Object> wrongValues(Type type) {
		Map<String, Object> values = new LinkedHashMap<>();
		Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
		values.put("as an object", Map.of("x", 1));
		values.put("as an array", List.of(1, "a", List.of()));
		if (raw == String.class) {
			values.put("as a number", 12345);
			values.put("100k long", "长".repeat(100_000));
			values.put("with control characters", "a\u0000b\u001b[31mc\u202ed\ud800");
		}
		else if (Number.class.isAssignableFrom(raw) || raw.isPrimitive() && raw != boolean.class) {
			values.put("as text", "abc");
			values.put("huge", new java.math.BigInteger("9".repeat(40)));
			values.put("1e400", new java.math.BigDecimal("1e400"));
			values.put("NaN as text", "NaN");
			values.put("-Infinity as text", "-Infinity");
			values.put("Long.MAX", Long.MAX_VALUE);
			values.put("negative", -1);
		}
		else if (raw == Boolean.class || raw == boolean.class) {
			values.put("as text", "maybe");
		}
		else if (raw.isEnum()) {
			values.put("unknown constant", "NO_SUCH_VALUE");
		}
		else if (raw == UUID.class) {
			values.put("not a UUID", "not-a-uuid");
		}
		else if (Collection.class.isAssignableFrom(raw)) {
			values.put("as text", "x");
			values.put("with nulls", java.util.Arrays.asList(null, null));
			values.put("10,000 entries", java.util.Collections.nCopies(10_000, UUID.randomUUID().toString()));
		}
		else if (raw == java.time.Instant.class || raw == java.time.LocalDate.class) {
			values.put("not a date", "2026-13-45T99:99");
			values.put("year 999999999", "+999999999-12-31T23:59:59Z");
		}
		else {
			values.put("as text", "x");
		}
		return values;
	}

	// ------------------------------------------------------------------ path variables, query parameters, forms

	@Test
	void everyRouteWithPathVariablesAnswersNonsenseIdsWith4xx() {
		List<String> failures = new ArrayList<>();
		for (Endpoint e : endpoints()) {
			if (!e.pattern().contains("{") || e.pattern().contains("{format")) {
				continue;
			}
			for (String nonsense : List.of("not-an-id", "%FF%FE", "99999999999999999999999", "-1", "%00")) {
				String path = VARIABLE.matcher(e.pattern()).replaceAll(Matcher.quoteReplacement(nonsense));
				boolean api = e.pattern().startsWith("/api/");
				Caller.Reply r = e.method().equals("GET") || api ? send(e, path, api ? "application/json" : null,
						api && !e.method().equals("GET") && !e.method().equals("DELETE") ? "{}".getBytes() : null)
						: admin().form(path, Map.of());
				String failure = clean(e.key() + " as " + path, r, false);
				if (failure != null) {
					failures.add(failure);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void queryParametersOfTheWrongTypeAre4xx() {
		List<String> failures = new ArrayList<>();
		for (String path : List.of("/api/v1/cases?page=abc&size=-5&type=NOPE", "/api/v1/cases?size=99999999999",
				"/api/v1/locate?lat=NaN&lon=Infinity", "/api/v1/locate?lat=abc&lon=1", "/api/v1/locate",
				"/api/v1/grids?bbox=1,2,3", "/api/v1/grids?bbox=a,b,c,d&kind=NOPE", "/api/v1/map/grids?from=2026-99-99",
				"/api/v1/assessment/measures?from=x&to=y", "/api/v1/assessment/months/2026-13", "/api/v1/assessment/months/x",
				"/api/v1/triage/hotspots?from=yesterday&minSize=-1", "/api/v1/patrols?limit=0&from=x",
				"/api/v1/calendar?year=99999999999", "/api/v1/duties?orgId=x&limit=-1",
				"/api/v1/supervisions?caseId=x&open=maybe", "/api/v1/inbox?page=-1&size=1000",
				"/open311/v2/requests.json?start_date=%2B999999999-12-31T23:59:59Z",
				"/open311/v2/requests.json?page=99999999999&page_size=x", "/open311/v2/requests.xml?status=%FF",
				"/console/cases?page=-5&status=NOPE&age=x", "/console/cases?q=%FF%FE%00")) {
			limiter.reset();
			Caller.Reply r = admin().send("GET", path, null, null);
			String failure = clean("GET " + path, r, false);
			if (failure != null) {
				failures.add(failure);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void open311RefusesNumbersThatAreNotFinite() {
		String key = as("admin").post("/api/v1/integrations/clients", Map.of("name", "畸形311", "kind", "OPEN311"))
			.text("apiKey");
		for (String lat : List.of("NaN", "Infinity", "0x1p3", "1e999")) {
			limiter.reset();
			Caller.Reply r = new Caller(null, port, 41).send("POST", "/open311/v2/requests.json",
					"application/x-www-form-urlencoded", Caller.form(Map.of("api_key", key, "service_code",
							"urban.housing-quality", "lat", lat, "long", "117.59", "attribute[town]", "tanshan", "description", "非法坐标"))
						.getBytes(StandardCharsets.UTF_8));
			assertThat(r.status()).as(lat + ": " + r.body()).isEqualTo(400);
			assertThat(r.body()).contains("lat must be a number");
		}
	}

	@Test
	void aGridFileWithAHugeHouseholdCountIsRefusedNotAFailure() {
		// Found by GeoJsonImportFuzzTests: Jackson 3's asInt() threw for a number beyond int.
		String huge = "9".repeat(30);
		Api.Response r = as("admin").post("/api/v1/grids/import", "{\"type\":\"FeatureCollection\",\"features\":[{"
				+ "\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"households\":" + huge + "}}]}");
		assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
		assertThat(r.raw().body()).contains("households");
	}

	@Test
	void pageFormsWithBrokenEncodingsAre4xxPagesNot500() {
		String id = livelihood("hotline", "tanshan", "编码测试 " + System.nanoTime()).path("id").asString();
		Caller town = new Caller("town-tanshan", port, 42);
		List<String> failures = new ArrayList<>();
		for (String raw : List.of("reason=a%00b&description=%00&trackingNo=%00&last4=%00&phone=%00&type=LIVELIHOOD",
				"reason=%FF%FE%FD", "reason=%zz%", "reason=" + "%E9%95%BF".repeat(20_000),
				"reason=a&reason=b&reason=c", "=&&&=")) {
			for (String path : List.of("/console/cases/" + id + "/escalate", "/m/lookup", "/console/hotline")) {
				limiter.reset();
				Caller.Reply r = town.send("POST", path, "application/x-www-form-urlencoded",
						(raw + "&_csrf=" + town.csrf()).getBytes(StandardCharsets.ISO_8859_1));
				if (r.status() >= 500 || r.body().contains("\tat ") || r.body().contains("Exception")
						|| r.body().contains("java.")) {
					failures.add(path + " " + raw.substring(0, Math.min(raw.length(), 30)) + " → " + r.status());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	// ------------------------------------------------------------------ stored script is inert everywhere

	static final String SCRIPT = "<script>alert('xss')</script>";
	static final String IMG = "\"><img src=x onerror=alert(1)>";
	static final String ATTR = "' onmouseover='alert(2)";

	@Test
	void scriptInACaseIsShownAsTextEverywhere() {
		String title = "井盖 " + SCRIPT;
		String description = "描述 " + IMG + " " + ATTR + " {{7*7}} [[${7*7}]]";
		// A citizen files it (so that the portal shows it to them), with the name of a requester as script too.
		Api.Response filed = as("citizen").post("/api/v1/cases", Map.of("type", "LIVELIHOOD", "title", title,
				"description", description, "townId", org("tanshan"), "address", "坛山 " + SCRIPT));
		assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
		String id = filed.text("id");
		String trackingNo = filed.text("trackingNo");
		as("citizen").post("/api/v1/cases/" + id + "/information", Map.of("note", "补充 " + SCRIPT));

		Caller dispatcher = new Caller("dispatcher", port, 43);
		Caller citizen = new Caller("citizen", port, 44);
		Caller anonymous = new Caller(null, port, 45);
		Map<String, Caller.Reply> pages = new LinkedHashMap<>();
		pages.put("console case page", dispatcher.send("GET", "/console/cases/" + id, null, null));
		pages.put("console case list", dispatcher.send("GET", "/console/cases?q=" + java.net.URLEncoder.encode("井盖",
				StandardCharsets.UTF_8), null, null));
		pages.put("town queue", new Caller("town-tanshan", port, 46).send("GET", "/console/town", null, null));
		pages.put("portal request page", citizen.send("GET", "/m/requests/" + trackingNo, null, null));
		pages.put("portal list", citizen.send("GET", "/m/requests", null, null));
		pages.put("screen", dispatcher.send("GET", "/screen", null, null));
		pages.put("public page", anonymous.send("GET", "/public", null, null));
		for (var page : pages.entrySet()) {
			Caller.Reply r = page.getValue();
			assertThat(r.status()).as(page.getKey()).isEqualTo(200);
			assertThat(r.body()).as(page.getKey() + " shows no live script")
				.doesNotContain(SCRIPT)
				.doesNotContain("<img src=x")
				.doesNotContain("onmouseover='alert");
		}
		assertThat(pages.get("console case page").body()).contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;");
		assertThat(pages.get("portal request page").body()).contains("&lt;script&gt;");

		// The API's JSON carries the text as text, declared as JSON and not to be sniffed as HTML.
		Api.Response json = ok(as("dispatcher").get("/api/v1/cases/" + id));
		assertThat(json.body().path("title").asString()).isEqualTo(title);
		assertThat(json.header("Content-Type")).startsWith("application/json");
		assertThat(json.header("X-Content-Type-Options")).isEqualTo("nosniff");
		JsonNode screen = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		assertThat(screen.isObject()).isTrue();
	}

	@Test
	void scriptInAnOpen311RequestIsEscapedInXmlAndJson() {
		String key = as("admin").post("/api/v1/integrations/clients", Map.of("name", "XSS311", "kind", "OPEN311"))
			.text("apiKey");
		limiter.reset();
		Caller client = new Caller(null, port, 47);
		Caller.Reply created = client.send("POST", "/open311/v2/requests.json", "application/x-www-form-urlencoded",
				Caller.form(Map.of("api_key", key, "service_code", "urban.housing-quality", "lat", "34.77", "long", "117.59",
						"attribute[town]", "tanshan", "description", "破损 " + SCRIPT + " ]]><evil/>"))
					.getBytes(StandardCharsets.UTF_8));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String requestId = created.body().replaceAll("(?s).*\"service_request_id\":\"([^\"]+)\".*", "$1");
		limiter.reset();
		Caller.Reply xml = client.send("GET", "/open311/v2/requests/" + requestId + ".xml", null, null);
		assertThat(xml.status()).isEqualTo(200);
		assertThat(xml.body()).doesNotContain(SCRIPT).doesNotContain("<evil/>").contains("&lt;script&gt;");
		limiter.reset();
		Caller.Reply json = client.send("GET", "/open311/v2/requests/" + requestId + ".json", null, null);
		assertThat(json.contentType()).startsWith("application/json");
		assertThat(json.body()).contains("破损");
	}

	private static String abbreviate(String s) {
		if (s == null) {
			return "";
		}
		String flat = s.replaceAll("\\s+", " ");
		return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
	}
}
