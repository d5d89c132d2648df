package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Channel;
import org.sudi.casework.domain.CaseTestData;
import org.sudi.channel.internal.Open311Service;
import org.sudi.platform.RateLimiter;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 contract: every endpoint in XML and JSON, the element names, content types,
 * datetime format, error format and codes, the date-range rules and the extensions.
 */
class Open311ContractTests extends ApiTestSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();
	static final String SERVICE = "cityscape.garbage";

	@Autowired
	CaseQueries queries;

	@Autowired
	RateLimiter limiter;

	@Autowired
	Open311Service open311;

	RawHttp raw;
	String key;

	@BeforeEach
	void setUp() {
		raw = new RawHttp(port);
		limiter.reset();
		var r = as("admin").post("/api/v1/integrations/clients", Map.of("name", "随手拍 app", "kind", "OPEN311"));
		key = r.text("apiKey");
	}

	// ------------------------------------------------------------------ helpers

	static Document xml(HttpResponse<String> r) {
		assertContentType(r, "text/xml");
		assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
		try {
			return DocumentBuilderFactory.newInstance().newDocumentBuilder()
				.parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new AssertionError(r.body(), e);
		}
	}

	static String x(Document d, String path) {
		try {
			return XPathFactory.newInstance().newXPath().evaluate(path, d);
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	static int count(Document d, String path) {
		try {
			return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(path, d, XPathConstants.NODESET)).getLength();
		}
		catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	/** The spec's content type with charset=utf-8 (the container may drop the space after ';'). */
	static void assertContentType(HttpResponse<String> r, String type) {
		var mediaType = org.springframework.http.MediaType.parseMediaType(r.headers().firstValue("Content-Type").orElse("x/x"));
		assertThat(mediaType.getType() + "/" + mediaType.getSubtype()).as(r.body()).isEqualTo(type);
		assertThat(mediaType.getCharset()).isEqualTo(StandardCharsets.UTF_8);
	}

	static JsonNode json(HttpResponse<String> r) {
		assertContentType(r, "application/json");
		return JSON.readTree(r.body());
	}

	HttpResponse<String> get(String path) {
		return raw.get("/open311/v2/" + path);
	}

	HttpResponse<String> post(String format, Map<String, String> form) {
		StringBuilder body = new StringBuilder();
		form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return raw.send("POST", "/open311/v2/requests." + format,
				Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), body.toString());
	}

	Map<String, String> form() {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("api_key", key);
		form.put("service_code", SERVICE);
		form.put("lat", "34.7712");
		form.put("long", "117.5901");
		form.put("address_string", "文化路12号 坛山街道 峄城区");
		form.put("description", "垃圾桶满了三天没人清运，气味很大");
		form.put("first_name", "Li");
		form.put("last_name", "Wang");
		form.put("phone", "13700001234");
		form.put("attribute[town]", "tanshan");
		return form;
	}

	/** Posts a valid request and returns its service_request_id. */
	String create() {
		HttpResponse<String> r = post("json", form());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		return json(r).get(0).path("service_request_id").asString();
	}

	static void assertErrors(HttpResponse<String> r, String format, int status, String fragment) {
		assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
		if (format.equals("xml")) {
			Document d = xml(r);
			assertThat(x(d, "/errors/error/code")).isEqualTo(String.valueOf(status));
			assertThat(x(d, "/errors/error/description")).contains(fragment);
		}
		else {
			JsonNode errors = json(r);
			assertThat(errors.isArray()).isTrue();
			assertThat(errors.get(0).path("code").asInt()).isEqualTo(status);
			assertThat(errors.get(0).path("description").asString()).contains(fragment);
		}
	}

	static String w3c(OffsetDateTime t) {
		return URLEncoder.encode(t.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8);
	}

	// ------------------------------------------------------------------ discovery and services

	@Test
	@DisplayName("discovery in XML and JSON names the GeoReport v2 endpoint and both formats")
	void discovery() {
		Document d = xml(get("discovery.xml"));
		assertThat(x(d, "/discovery/endpoints/endpoint/specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(x(d, "/discovery/endpoints/endpoint/url")).endsWith("/open311/v2");
		assertThat(count(d, "/discovery/endpoints/endpoint/formats/format")).isEqualTo(2);
		assertThat(x(d, "/discovery/key_service")).isNotBlank();
		assertThat(x(d, "/discovery/changeset")).isNotBlank();
		JsonNode j = json(get("discovery.json"));
		assertThat(j.path("endpoints").get(0).path("formats").valueStream().map(JsonNode::asString).toList())
			.containsExactly("text/xml", "application/json");
		assertThat(j.path("contact").asString()).isNotBlank();
		assertThat(get("discovery.html").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("services are the second-level categories, with group, metadata and type")
	void services() {
		Document d = xml(get("services.xml"));
		assertThat(x(d, "/services/service[service_code='" + SERVICE + "']/service_name")).isEqualTo("垃圾清运");
		assertThat(x(d, "/services/service[service_code='" + SERVICE + "']/group")).isEqualTo("市容环境");
		assertThat(x(d, "/services/service[1]/metadata")).isEqualTo("true");
		assertThat(x(d, "/services/service[1]/type")).isEqualTo("realtime");
		assertThat(count(d, "/services/service[service_code='cityscape']")).isZero();
		JsonNode j = json(get("services.json"));
		assertThat(j.isArray()).isTrue();
		assertThat(j.valueStream().filter(s -> s.path("service_code").asString().equals("other.misc")).findFirst()
			.orElseThrow().path("service_name").asString()).isEqualTo("其他事项");
		assertThat(j.size()).isEqualTo(count(d, "/services/service"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("a wrong jurisdiction_id is a 404 in the errors format; the right one or none is fine")
	void jurisdiction(String format) {
		assertErrors(get("services." + format + "?jurisdiction_id=beijing.gov.cn"), format, 404, "jurisdiction_id");
		assertThat(get("services." + format + "?jurisdiction_id=yicheng.gov.cn").statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("a service definition has the required town attribute with the towns as values")
	void serviceDefinition() {
		Document d = xml(get("services/" + SERVICE + ".xml"));
		assertThat(x(d, "/service_definition/service_code")).isEqualTo(SERVICE);
		assertThat(x(d, "/service_definition/attributes/attribute/code")).isEqualTo("town");
		assertThat(x(d, "/service_definition/attributes/attribute/datatype")).isEqualTo("singlevaluelist");
		assertThat(x(d, "/service_definition/attributes/attribute/required")).isEqualTo("true");
		assertThat(x(d, "/service_definition/attributes/attribute/variable")).isEqualTo("true");
		assertThat(x(d, "/service_definition/attributes/attribute/order")).isEqualTo("1");
		assertThat(x(d, "/service_definition/attributes/attribute/values/value[key='tanshan']/name")).isEqualTo("坛山街道");
		assertThat(count(d, "/service_definition/attributes/attribute/values/value")).isEqualTo(7);
		JsonNode j = json(get("services/" + SERVICE + ".json"));
		assertThat(j.path("service_code").asString()).isEqualTo(SERVICE);
		assertThat(j.path("attributes").get(0).path("values").size()).isEqualTo(7);
		assertThat(j.path("attributes").get(0).path("required").asBoolean()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("an unknown service_code is a 404")
	void unknownService(String format) {
		assertErrors(get("services/no.such." + format), format, 404, "no.such");
	}

	// ------------------------------------------------------------------ POST requests

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("POST requests makes a LIVELIHOOD case of channel OPEN311 for the town and answers with its id")
	void postRequest(String format) {
		HttpResponse<String> r = post(format, form());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		String id = format.equals("xml") ? x(xml(r), "/service_requests/request/service_request_id")
				: json(r).get(0).path("service_request_id").asString();
		if (format.equals("xml")) {
			Document d = xml(r);
			assertThat(count(d, "/service_requests/request/token")).isZero();
			assertThat(x(d, "/service_requests/request/service_notice")).isNotBlank();
		}
		else {
			assertThat(json(r).get(0).has("token")).isFalse();
			assertThat(json(r).get(0).path("account_id").isNull()).isTrue();
		}
		CaseSummary c = queries.findByTrackingNo(id).orElseThrow();
		assertThat(c.channel()).isEqualTo(Channel.OPEN311);
		assertThat(c.categoryCode()).isEqualTo(SERVICE);
		assertThat(c.townId()).isEqualTo(org("tanshan"));
		assertThat(c.lat()).isEqualTo(34.7712);
		assertThat(c.address()).isEqualTo("文化路12号 坛山街道 峄城区");
		assertThat(c.description()).isEqualTo("垃圾桶满了三天没人清运，气味很大");
		assertThat(c.requesterPhone()).isEqualTo("13700001234");
		assertThat(c.createdBy()).startsWith("client-");
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("POST without, or with a wrong, api_key is a 403")
	void apiKey(String format) {
		Map<String, String> form = form();
		form.remove("api_key");
		assertErrors(post(format, form), format, 403, "api_key");
		form.put("api_key", "sudi_wrong");
		assertErrors(post(format, form), format, 403, "Invalid api_key");
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("POST errors: no service_code 400, unknown 404, no location 400, no or wrong town 400, long description 400")
	void postErrors(String format) {
		Map<String, String> f = form();
		f.remove("service_code");
		assertErrors(post(format, f), format, 400, "service_code");
		f = form();
		f.put("service_code", "no.such");
		assertErrors(post(format, f), format, 404, "no.such");
		f = form();
		f.remove("lat");
		f.remove("long");
		f.remove("address_string");
		assertErrors(post(format, f), format, 400, "location");
		f = form();
		f.remove("long");
		assertErrors(post(format, f), format, 400, "lat and long");
		f = form();
		f.remove("attribute[town]");
		assertErrors(post(format, f), format, 400, "attribute[town]");
		f = form();
		f.put("attribute[town]", "atlantis");
		assertErrors(post(format, f), format, 400, "atlantis");
		f = form();
		f.put("description", "长".repeat(4001));
		assertErrors(post(format, f), format, 400, "4,000");
	}

	@Test
	@DisplayName("an address alone is a full location; the description defaults to the service name")
	void addressOnly() {
		Map<String, String> f = form();
		f.remove("lat");
		f.remove("long");
		f.remove("description");
		HttpResponse<String> r = post("json", f);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		CaseSummary c = queries.findByTrackingNo(json(r).get(0).path("service_request_id").asString()).orElseThrow();
		assertThat(c.lat()).isNull();
		assertThat(c.description()).isEqualTo("垃圾清运");
	}

	@Test
	@DisplayName("multipart media upload (GeoReport v2.1 draft) stores the photo on the case; media_url is echoed")
	void mediaUpload() {
		String boundary = "----open311" + UUID.randomUUID();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Map<String, String> f = form();
		f.put("media_url", "https://example.org/photo/1.jpg");
		f.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
				+ "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"bin.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		out.writeBytes(CaseTestData.PNG);
		out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> r = raw.send("POST", "/open311/v2/requests.json",
				Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), out.toByteArray());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
		String id = json(r).get(0).path("service_request_id").asString();
		assertThat(queries.findByTrackingNo(id).orElseThrow().attachmentIds()).hasSize(1);
		assertThat(json(get("requests/" + id + ".json")).get(0).path("media_url").asString())
			.isEqualTo("https://example.org/photo/1.jpg");
	}

	@Test
	@DisplayName("in batch mode POST answers with a token, and tokens/{token} gives the service_request_id")
	void tokens() {
		open311.type("batch");
		String token;
		try {
			assertThat(json(get("services.json")).get(0).path("type").asString()).isEqualTo("batch");
			HttpResponse<String> r = post("xml", form());
			Document d = xml(r);
			assertThat(count(d, "/service_requests/request/service_request_id")).isZero();
			token = x(d, "/service_requests/request/token");
			assertThat(token).isNotBlank();
		}
		finally {
			open311.type("realtime");
		}
		Document d = xml(get("tokens/" + token + ".xml"));
		String id = x(d, "/service_requests/request/service_request_id");
		assertThat(x(d, "/service_requests/request/token")).isEqualTo(token);
		assertThat(queries.findByTrackingNo(id)).isPresent();
		JsonNode j = json(get("tokens/" + token + ".json"));
		assertThat(j.get(0).path("service_request_id").asString()).isEqualTo(id);
		assertErrors(get("tokens/nope.xml"), "xml", 404, "token");
		assertErrors(get("tokens/nope.json"), "json", 404, "token");
	}

	// ------------------------------------------------------------------ GET requests

	@Test
	@DisplayName("a request in both formats: the spec's elements, W3C datetimes with offset, open with status notes, the town as agency")
	void oneRequest() {
		String id = create();
		Document d = xml(get("requests/" + id + ".xml"));
		assertThat(x(d, "/service_requests/request/service_request_id")).isEqualTo(id);
		assertThat(x(d, "/service_requests/request/status")).isEqualTo("open");
		assertThat(x(d, "/service_requests/request/status_notes")).contains("镇街受理中");
		assertThat(x(d, "/service_requests/request/service_code")).isEqualTo(SERVICE);
		assertThat(x(d, "/service_requests/request/service_name")).isEqualTo("垃圾清运");
		assertThat(x(d, "/service_requests/request/agency_responsible")).isEqualTo("坛山街道");
		assertThat(x(d, "/service_requests/request/requested_datetime"))
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
		assertThat(x(d, "/service_requests/request/long")).isEqualTo("117.5901");
		for (String element : List.of("service_notice", "updated_datetime", "expected_datetime", "address", "address_id",
				"zipcode", "lat", "media_url", "description")) {
			assertThat(count(d, "/service_requests/request/" + element)).as(element).isEqualTo(1);
		}
		JsonNode j = json(get("requests/" + id + ".json"));
		assertThat(j.isArray()).isTrue();
		assertThat(j.get(0).path("lat").asDouble()).isEqualTo(34.7712);
		assertThat(j.get(0).path("zipcode").isNull()).isTrue();
		assertThat(OffsetDateTime.parse(j.get(0).path("updated_datetime").asString())).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("an unknown request, or one that came in through another channel, is a 404")
	void requestNotFound(String format) {
		assertErrors(get("requests/19990101-000001." + format), format, 404, "19990101-000001");
		String h5 = livelihood("citizen", "tanshan", "路灯不亮").path("trackingNo").asString();
		assertErrors(get("requests/" + h5 + "." + format), format, 404, h5);
	}

	@Test
	@DisplayName("status maps to open/closed; a closed request explains why in status_notes, and the lead unit becomes the agency")
	void statuses() {
		String rejected = create();
		String caseId = queries.findByTrackingNo(rejected).orElseThrow().id().toString();
		ok(as("town-tanshan").post("/api/v1/cases/" + caseId + "/reject", Map.of("reason", "不属实")));
		String accepted = create();
		ok(as("town-tanshan").post("/api/v1/cases/" + queries.findByTrackingNo(accepted).orElseThrow().id() + "/accept",
				Map.of()));

		JsonNode closed = json(get("requests/" + rejected + ".json")).get(0);
		assertThat(closed.path("status").asString()).isEqualTo("closed");
		assertThat(closed.path("status_notes").asString()).contains("不予受理");
		JsonNode open = json(get("requests/" + accepted + ".json")).get(0);
		assertThat(open.path("status").asString()).isEqualTo("open");
		assertThat(open.path("agency_responsible").asString()).isEqualTo("坛山街道");

		List<String> closedIds = json(get("requests.json?status=closed&service_request_id=" + rejected + "," + accepted))
			.valueStream().map(r -> r.path("service_request_id").asString()).toList();
		// service_request_id overrides the other arguments
		assertThat(closedIds).containsExactlyInAnyOrder(rejected, accepted);
		List<String> onlyClosed = json(get("requests.json?status=closed")).valueStream()
			.map(r -> r.path("service_request_id").asString()).toList();
		assertThat(onlyClosed).contains(rejected).doesNotContain(accepted);
		List<String> onlyOpen = json(get("requests.json?status=open")).valueStream()
			.map(r -> r.path("service_request_id").asString()).toList();
		assertThat(onlyOpen).contains(accepted).doesNotContain(rejected);
		assertThat(json(get("requests.json?status=open,closed")).size())
			.isEqualTo(onlyOpen.size() + onlyClosed.size());
	}

	@Test
	@DisplayName("GET requests: defaults to the last 90 days, filters by service_code, and publishes only Open311 requests")
	void search() {
		String mine = create();
		Map<String, String> other = form();
		other.put("service_code", "other.misc");
		String misc = json(post("json", other)).get(0).path("service_request_id").asString();
		String h5 = livelihood("citizen", "tanshan", "路灯不亮").path("trackingNo").asString();

		Document all = xml(get("requests.xml"));
		List<String> ids = new ArrayList<>();
		NodeList nodes = all.getElementsByTagName("service_request_id");
		for (int i = 0; i < nodes.getLength(); i++) {
			ids.add(nodes.item(i).getTextContent());
		}
		assertThat(ids).contains(mine, misc).doesNotContain(h5);
		List<String> garbage = json(get("requests.json?service_code=" + SERVICE)).valueStream()
			.map(r -> r.path("service_code").asString()).distinct().toList();
		assertThat(garbage).containsExactly(SERVICE);
		assertThat(json(get("requests.json?service_code=" + SERVICE + ",other.misc")).valueStream()
			.map(r -> r.path("service_request_id").asString()).toList()).contains(mine, misc);
	}

	@ParameterizedTest
	@ValueSource(strings = { "xml", "json" })
	@DisplayName("date rules: at most 90 days, start before end, W3C format, and a bad status is a 400")
	void dateRules(String format) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		assertErrors(get("requests." + format + "?start_date=" + w3c(now.minusDays(91)) + "&end_date=" + w3c(now)), format,
				400, "90 days");
		assertErrors(get("requests." + format + "?start_date=" + w3c(now) + "&end_date=" + w3c(now.minusDays(1))), format,
				400, "start_date");
		assertErrors(get("requests." + format + "?start_date=yesterday"), format, 400, "W3C");
		assertErrors(get("requests." + format + "?status=pending"), format, 400, "status");
		assertThat(get("requests." + format + "?start_date=" + w3c(now.minusDays(90)) + "&end_date=" + w3c(now))
			.statusCode()).isEqualTo(200);
	}

	@Test
	@DisplayName("date ranges select by requested_datetime, with the offset as sent (also +08:00)")
	void dateRanges() {
		String id = create();
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
		assertThat(ids("requests.json?start_date=" + w3c(now.minusHours(1)))).contains(id);
		assertThat(ids("requests.json?start_date=" + w3c(now.plusHours(1)))).doesNotContain(id);
		assertThat(ids("requests.json?end_date=" + w3c(now.minusHours(1)))).doesNotContain(id);
		assertThat(ids("requests.json?start_date=" + w3c(now.minusDays(2)) + "&end_date=" + w3c(now.plusMinutes(5))))
			.contains(id);
	}

	@Test
	@DisplayName("extensions: page/page_size pages the newest first; updated_after/updated_before select by last change")
	void extensions() {
		String a = create();
		String b = create();
		List<String> first = ids("requests.json?page_size=1&page=1");
		List<String> second = ids("requests.json?page_size=1&page=2");
		assertThat(first).containsExactly(b);
		assertThat(second).containsExactly(a);
		assertErrors(get("requests.json?page_size=1001"), "json", 400, "page_size");
		assertErrors(get("requests.xml?page=0"), "xml", 400, "page");

		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		assertThat(ids("requests.json?updated_after=" + w3c(now.minusMinutes(5)))).contains(a, b);
		assertThat(ids("requests.json?updated_after=" + w3c(now.plusMinutes(5)))).doesNotContain(a, b);
		assertThat(ids("requests.json?updated_before=" + w3c(now.minusMinutes(5)))).doesNotContain(a, b);
	}

	@Test
	@DisplayName("servicerequestupdates (mySociety): one update per public step, with update_id, status and description")
	void updates() {
		String id = create();
		var c = queries.findByTrackingNo(id).orElseThrow();
		ok(as("town-tanshan").post("/api/v1/cases/" + c.id() + "/accept", Map.of("note", "内部备注：交给城管中队")));
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		String range = "?start_date=" + w3c(now.minusMinutes(5)) + "&end_date=" + w3c(now.plusMinutes(5));
		Document d = xml(get("servicerequestupdates.xml" + range));
		assertThat(count(d, "/service_requests_updates/request_update[service_request_id='" + id + "']")).isEqualTo(2);
		assertThat(x(d, "/service_requests_updates/request_update[service_request_id='" + id + "'][2]/description"))
			.contains("镇街已受理").doesNotContain("内部备注");
		assertThat(x(d, "/service_requests_updates/request_update[service_request_id='" + id + "'][2]/status"))
			.isEqualTo("open");
		JsonNode j = json(get("servicerequestupdates.json" + range));
		List<JsonNode> mine = j.valueStream().filter(u -> u.path("service_request_id").asString().equals(id)).toList();
		assertThat(mine).hasSize(2);
		assertThat(mine.get(0).path("update_id").asLong()).isLessThan(mine.get(1).path("update_id").asLong());
		assertErrors(get("servicerequestupdates.json?start_date=" + w3c(now.minusDays(100)) + "&end_date=" + w3c(now)),
				"json", 400, "90 days");
	}

	private List<String> ids(String path) {
		HttpResponse<String> r = get(path);
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		return json(r).valueStream().map(n -> n.path("service_request_id").asString()).toList();
	}
}
