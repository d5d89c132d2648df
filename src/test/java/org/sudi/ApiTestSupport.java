package org.sudi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Helpers shared by the HTTP API tests: units by code, and the common steps of the loop. */
@IntegrationTest
public abstract class ApiTestSupport {

	@LocalServerPort
	protected int port;

	protected Api api;

	private static final Map<String, Long> ORG_IDS = new HashMap<>();

	@BeforeEach
	void setUpApi() {
		api = new Api(port);
		if (ORG_IDS.isEmpty()) {
			for (JsonNode org : api.as("admin").get("/api/v1/orgs").body()) {
				ORG_IDS.put(org.path("code").asString(), org.path("id").asLong());
			}
		}
	}

	protected long org(String code) {
		Long id = ORG_IDS.get(code);
		assertThat(id).as("unit " + code).isNotNull();
		return id;
	}

	protected Api.As as(String username) {
		return api.as(username);
	}

	/** Submits a case and checks it was created. */
	protected JsonNode submit(String username, Map<String, Object> body) {
		Api.Response r = as(username).post("/api/v1/cases", body);
		assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
		assertThat(r.header("Location")).endsWith("/api/v1/cases/" + r.text("id"));
		return r.body();
	}

	protected JsonNode livelihood(String username, String town, String title) {
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", title, "description",
				title + "，已经持续一周，请尽快处理。", "townId", org(town)));
		body.put("requester", Map.of("name", "李四", "phone", "13812345678"));
		return submit(username, body);
	}

	protected Api.Response ok(Api.Response r) {
		assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
		return r;
	}

	protected JsonNode dispatch(String caseId, String lead, List<String> assists, Long dutyId) {
		Map<String, Object> body = new HashMap<>();
		body.put("leadOrgId", org(lead));
		body.put("assistOrgIds", assists.stream().map(this::org).toList());
		if (dutyId != null) {
			body.put("dutyId", dutyId);
		}
		body.put("note", "请按职责办理");
		return ok(as("dispatcher").post("/api/v1/cases/" + caseId + "/dispatch", body)).body();
	}

	/** The id of the current round's task of the given unit. */
	protected String taskOf(JsonNode c, String unit) {
		long orgId = org(unit);
		int round = c.path("round").asInt();
		for (JsonNode t : c.path("tasks")) {
			if (t.path("orgId").asLong() == orgId && t.path("round").asInt() == round
					&& !t.path("status").asString().equals("RETURNED")) {
				return t.path("id").asString();
			}
		}
		throw new AssertionError("no task of " + unit + " in round " + round + ": " + c);
	}

	protected String taskStatus(JsonNode c, String taskId) {
		for (JsonNode t : c.path("tasks")) {
			if (t.path("id").asString().equals(taskId)) {
				return t.path("status").asString();
			}
		}
		throw new AssertionError("no task " + taskId);
	}

	/** Signs, (reports on site,) and completes a task as the unit's staff account. */
	protected JsonNode handle(String username, String taskId, boolean arrive, String result) {
		ok(as(username).post("/api/v1/tasks/" + taskId + "/sign", null));
		if (arrive) {
			ok(as(username).post("/api/v1/tasks/" + taskId + "/arrive", Map.of("note", "已到现场")));
		}
		return ok(as(username).post("/api/v1/tasks/" + taskId + "/complete",
				Map.of("result", result, "attachmentIds", List.of()))).body();
	}

	/**
	 * A livelihood case the requester submits in the town, through the whole loop: escalated by the town,
	 * dispatched to the department, signed and completed there, evaluated SATISFIED. Returns the case as
	 * submitted.
	 */
	protected JsonNode throughTheLoop(String requester, String town, String department, String title) {
		JsonNode submitted = livelihood(requester, town, title);
		String id = submitted.path("id").asString();
		ok(as("town-" + town).post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需" + department + "处理")));
		handle("dept-" + department, taskOf(dispatch(id, department, List.of(), null), department), false, "已修复");
		ok(as(requester).post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED")));
		return submitted;
	}

	protected List<String> actions(String caseId) {
		return ok(as("dispatcher").get("/api/v1/cases/" + caseId + "/timeline")).body().valueStream()
			.map(e -> e.path("action").asString())
			.toList();
	}

	protected long firstDutyOf(String unit) {
		JsonNode duties = ok(as("dispatcher").get("/api/v1/duties?orgId=" + org(unit))).body();
		assertThat(duties.size()).isPositive();
		return duties.get(0).path("id").asLong();
	}
}
