package org.sudi.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Channel;
import org.sudi.platform.RateLimiter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Integration clients and the 110 non-police transfer API over HTTP, on real PostgreSQL. */
class Police110ApiTests extends ApiTestSupport {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	CaseQueries queries;

	@Autowired
	RateLimiter limiter;

	RawHttp raw;

	@BeforeEach
	void setUp() {
		raw = new RawHttp(port);
		limiter.reset();
	}

	/** Registers a client as admin and returns {id, apiKey}. */
	JsonNode register(String name, String kind) {
		Api.Response r = as("admin").post("/api/v1/integrations/clients", Map.of("name", name, "kind", kind));
		assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
		return r.body();
	}

	HttpResponse<String> post110(String key, Object body) {
		Map<String, String> headers = new HashMap<>(Map.of("Content-Type", "application/json", "Accept", "application/json"));
		if (key != null) {
			headers.put("X-Api-Key", key);
		}
		return raw.send("POST", "/api/v1/integrations/police110/cases", headers, Api.json(body));
	}

	HttpResponse<String> get110(String key, String incident) {
		return raw.send("GET", "/api/v1/integrations/police110/cases/" + incident, Map.of("X-Api-Key", key), (String) null);
	}

	static JsonNode json(HttpResponse<String> r) {
		return JSON.readTree(r.body());
	}

	Map<String, Object> transfer(String incident) {
		Map<String, Object> body = new HashMap<>();
		body.put("incidentNo", incident);
		body.put("description", "报警人称小区楼下烧烤摊油烟扰民，非警情，转政府部门处理");
		body.put("townCode", "tanshan");
		body.put("address", "坛山街道文化路与光明路交叉口");
		body.put("callerName", "王女士");
		body.put("callerPhone", "13900001111");
		return body;
	}

	@Test
	@DisplayName("only an administrator registers clients; the key is shown once and listed never")
	void registration() {
		JsonNode client = register("市公安局110指挥中心", "POLICE110");
		assertThat(client.path("apiKey").asString()).startsWith("sudi_").hasSizeGreaterThan(40);
		assertThat(as("dispatcher").post("/api/v1/integrations/clients", Map.of("name", "x", "kind", "OPEN311")).status())
			.isEqualTo(403);
		assertThat(as("admin").post("/api/v1/integrations/clients", Map.of("name", "x", "kind", "SMS")).status())
			.isEqualTo(400);
		Api.Response list = ok(as("admin").get("/api/v1/integrations/clients"));
		assertThat(list.raw().body()).doesNotContain(client.path("apiKey").asString()).contains("市公安局110指挥中心");
		assertThat(as("dispatcher").get("/api/v1/integrations/clients").status()).isEqualTo(403);
	}

	@Test
	@DisplayName("a transfer becomes a LIVELIHOOD case attributed to the client; the same incident again answers with the same case")
	void idempotentTransfer() {
		JsonNode client = register("110-A", "POLICE110");
		String key = client.path("apiKey").asString();
		String incident = "J3704" + UUID.randomUUID().toString().substring(0, 8);

		HttpResponse<String> first = post110(key, transfer(incident));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		JsonNode created = json(first);
		String trackingNo = created.path("trackingNo").asString();
		assertThat(trackingNo).matches("\\d{8}-\\d{6}");
		assertThat(created.path("status").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(created.path("duplicate").asBoolean()).isFalse();

		HttpResponse<String> again = post110(key, transfer(incident));
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json(again).path("trackingNo").asString()).isEqualTo(trackingNo);
		assertThat(json(again).path("duplicate").asBoolean()).isTrue();

		CaseSummary c = queries.findByTrackingNo(trackingNo).orElseThrow();
		assertThat(c.channel()).isEqualTo(Channel.POLICE_110);
		assertThat(c.createdBy()).isEqualTo("client-" + client.path("id").asLong());
		assertThat(c.townId()).isEqualTo(org("tanshan"));
		assertThat(c.title()).startsWith("110转办: 报警人称小区楼下烧烤摊");
		assertThat(c.requesterPhone()).isEqualTo("13900001111");

		// Another client's same incident number is another transfer.
		String other = register("110-B", "POLICE110").path("apiKey").asString();
		HttpResponse<String> fromOther = post110(other, transfer(incident));
		assertThat(fromOther.statusCode()).isEqualTo(201);
		assertThat(json(fromOther).path("trackingNo").asString()).isNotEqualTo(trackingNo);
	}

	@Test
	@DisplayName("the same incident sent four times at once makes exactly one case")
	void concurrentTransfers() throws Exception {
		String key = register("110-C", "POLICE110").path("apiKey").asString();
		String incident = "J" + UUID.randomUUID().toString().substring(0, 10);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<HttpResponse<String>>> results = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				results.add(pool.submit((Callable<HttpResponse<String>>) () -> post110(key, transfer(incident))));
			}
			List<Integer> statuses = new ArrayList<>();
			List<String> numbers = new ArrayList<>();
			for (Future<HttpResponse<String>> f : results) {
				statuses.add(f.get().statusCode());
				numbers.add(json(f.get()).path("trackingNo").asString());
			}
			assertThat(statuses).containsOnlyOnce(201).containsOnly(200, 201);
			assertThat(numbers).containsOnly(numbers.get(0));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	@DisplayName("missing, unknown, revoked and wrong-kind keys are refused with 401")
	void keys() {
		assertThat(post110(null, transfer("J1")).statusCode()).isEqualTo(401);
		assertThat(post110("sudi_not-a-key", transfer("J1")).statusCode()).isEqualTo(401);
		String open311Key = register("第三方随手拍", "OPEN311").path("apiKey").asString();
		assertThat(post110(open311Key, transfer("J1")).statusCode()).isEqualTo(401);

		JsonNode client = register("110-D", "POLICE110");
		String key = client.path("apiKey").asString();
		assertThat(post110(key, transfer("J-revoke-" + UUID.randomUUID().toString().substring(0, 6))).statusCode())
			.isEqualTo(201);
		assertThat(api.send("DELETE", "/api/v1/integrations/clients/" + client.path("id").asLong(), tokenOf("dispatcher"),
				null).status()).isEqualTo(403);
		Api.Response revoked = api.send("DELETE", "/api/v1/integrations/clients/" + client.path("id").asLong(),
				tokenOf("admin"), null);
		assertThat(revoked.status()).isEqualTo(204);
		HttpResponse<String> after = post110(key, transfer("J2"));
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(after.body()).contains("revoked");
	}

	@Test
	@DisplayName("the client reads back the status of its own transfers only, as the case moves on")
	void readBack() {
		String key = register("110-E", "POLICE110").path("apiKey").asString();
		String incident = "J" + UUID.randomUUID().toString().substring(0, 10);
		assertThat(post110(key, transfer(incident)).statusCode()).isEqualTo(201);

		JsonNode status = json(get110(key, incident));
		assertThat(status.path("status").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(status.path("statusText").asString()).contains("镇街受理中");

		String caseId = queries.findByTrackingNo(status.path("trackingNo").asString()).orElseThrow().id().toString();
		ok(as("town-tanshan").post("/api/v1/cases/" + caseId + "/accept", Map.of("note", "街道城管中队处理")));
		status = json(get110(key, incident));
		assertThat(status.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(status.path("leadUnit").asString()).isEqualTo("坛山街道");
		assertThat(status.path("history").valueStream().map(h -> h.path("status").asString()).toList())
			.containsExactly("TOWN_REVIEW", "IN_PROGRESS");

		String other = register("110-F", "POLICE110").path("apiKey").asString();
		assertThat(get110(other, incident).statusCode()).isEqualTo(404);
		assertThat(get110(key, "J-unknown").statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("a transfer without a town, description or valid incident number is a 400 naming the field")
	void validation() {
		String key = register("110-G", "POLICE110").path("apiKey").asString();
		Map<String, Object> noTown = transfer("J-no-town");
		noTown.remove("townCode");
		HttpResponse<String> r = post110(key, noTown);
		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(r.body()).contains("townCode");
		Map<String, Object> badIncident = transfer("J 1; drop");
		assertThat(post110(key, badIncident).body()).contains("incidentNo");
		Map<String, Object> noDescription = transfer("J-no-description");
		noDescription.remove("description");
		assertThat(post110(key, noDescription).statusCode()).isEqualTo(400);
		HttpResponse<String> tooBig = post110(key, Map.of("incidentNo", "J-big", "description", "长".repeat(40_000)));
		assertThat(tooBig.statusCode()).isEqualTo(413);
	}

	private String tokenOf(String username) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "password", Api.PASSWORD));
		if (org.sudi.DemoTotp.codeFor(username) != null) {
			body.put("totp", org.sudi.DemoTotp.codeFor(username));
		}
		Api.Response r = api.send("POST", "/api/v1/auth/token", null, body);
		return r.text("access_token");
	}
}
