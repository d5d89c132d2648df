package org.sudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;
import org.sudi.Api;

import tools.jackson.databind.JsonNode;

/** The accountability register's lifecycle over HTTP, with who may do what. */
class AccountabilityApiTests extends ApiTestSupport {

	@Test
	@DisplayName("opened by hand by DISCIPLINE, OPEN → UNDER_REVIEW → DECIDED, every step in the history; others may not")
	void lifecycle() {
		Map<String, Object> open = Map.of("orgId", org("shichang"), "situation", "BUCK_PASSING",
				"reason", "多次以不属于本单位职责为由推诿");
		for (String other : new String[] { "leader", "dispatcher", "admin", "dept-shichang", "town-tanshan" }) {
			assertThat(as(other).post("/api/v1/accountability", open).status()).as(other).isEqualTo(403);
		}
		assertThat(as("discipline").post("/api/v1/accountability", Map.of("orgId", org("shichang"),
				"situation", "BUCK_PASSING", "reason", " ")).status()).isEqualTo(400);
		Api.Response created = as("discipline").post("/api/v1/accountability", open);
		assertThat(created.status()).isEqualTo(201);
		long id = created.body().path("record").path("id").asLong();
		assertThat(created.body().path("record").path("status").asString()).isEqualTo("OPEN");
		assertThat(created.body().path("record").path("situationName").asString()).isEqualTo("推诿扯皮");
		assertThat(created.body().path("record").path("cause").asString()).isEqualTo("MANUAL");

		// Deciding needs a review first; leaders read but do not act.
		assertThat(as("discipline").post("/api/v1/accountability/" + id + "/decide",
				Map.of("decision", "NOTICE", "note", "通报批评")).status()).isEqualTo(409);
		assertThat(as("leader").post("/api/v1/accountability/" + id + "/review", Map.of()).status()).isEqualTo(403);
		ok(as("discipline").post("/api/v1/accountability/" + id + "/review", Map.of("note", "调取办理记录")));
		assertThat(as("admin").post("/api/v1/accountability/" + id + "/decide",
				Map.of("decision", "NOTICE", "note", "通报批评")).status()).isEqualTo(403);
		assertThat(as("discipline").post("/api/v1/accountability/" + id + "/decide",
				Map.of("decision", "NOTICE", "note", " ")).status()).isEqualTo(400);
		JsonNode decided = ok(as("discipline").post("/api/v1/accountability/" + id + "/decide",
				Map.of("decision", "ADMONISHMENT", "note", "对分管负责人诫勉谈话"))).body();
		assertThat(decided.path("record").path("status").asString()).isEqualTo("DECIDED");
		assertThat(decided.path("record").path("decision").asString()).isEqualTo("ADMONISHMENT");
		assertThat(decided.path("history").valueStream()
			.map(h -> h.path("action").asString() + ":" + h.path("toStatus").asString() + ":" + h.path("byUsername").asString())
			.toList()).containsExactly("OPEN:OPEN:discipline", "REVIEW:UNDER_REVIEW:discipline",
					"DECIDE:DECIDED:discipline");
		// A decided record is final.
		assertThat(as("discipline").post("/api/v1/accountability/" + id + "/dismiss", Map.of("note", "撤销")).status())
			.isEqualTo(409);
		JsonNode read = ok(as("leader").get("/api/v1/accountability/" + id)).body();
		assertThat(read.path("history")).hasSize(3);
		assertThat(as("dept-shichang").get("/api/v1/accountability/" + id).status()).isEqualTo(403);
		assertThat(as("discipline").get("/api/v1/accountability/999999").status()).isEqualTo(404);
	}

	@Test
	@DisplayName("dismissed from OPEN with a reason; the two configurable situations carry the district's names")
	void dismissAndSituations() {
		long id = as("discipline").post("/api/v1/accountability", Map.of("orgId", org("tanshan"),
				"situation", "OTHER_1", "reason", "台账与实际不符")).body().path("record").path("id").asLong();
		assertThat(as("discipline").post("/api/v1/accountability/" + id + "/dismiss", Map.of()).status())
			.isEqualTo(400);
		JsonNode dismissed = ok(as("discipline").post("/api/v1/accountability/" + id + "/dismiss",
				Map.of("note", "经核实已整改"))).body();
		assertThat(dismissed.path("record").path("status").asString()).isEqualTo("DISMISSED");
		assertThat(dismissed.path("record").path("situationName").asString()).isEqualTo("弄虚作假");
		assertThat(as("discipline").post("/api/v1/accountability/" + id + "/review", Map.of()).status())
			.isEqualTo(409);
		JsonNode situations = ok(as("dispatcher").get("/api/v1/accountability/situations")).body();
		assertThat(situations.size()).isEqualTo(6);
		assertThat(situations.path("DEFYING_COMMAND_CENTER").asString()).isEqualTo("拒不执行指挥中心安排");
	}
}
