package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/** The closed loop end to end through the HTTP API on real PostgreSQL, one scenario per test. */
class ClosedLoopApiTests extends ApiTestSupport {

	/** The smallest valid PNG: 1×1 pixel. */
	static final byte[] PNG = java.util.Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	@Test
	@DisplayName("LIVELIHOOD: citizen → town escalates → dispatch with duty item → department handles with a photo → satisfied → closed")
	void livelihoodThroughEscalation() {
		JsonNode c = livelihood("citizen", "tanshan", "小区门口路灯不亮");
		String id = c.path("id").asString();
		assertThat(c.path("status").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(c.path("trackingNo").asString()).matches("\\d{8}-\\d{6}");
		assertThat(c.path("channel").asString()).isEqualTo("H5");

		c = ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate",
				Map.of("reason", "路灯属区住建局管理，超出街道职权"))).body();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");

		long duty = firstDutyOf("zhujian");
		c = dispatch(id, "zhujian", List.of(), duty);
		assertThat(c.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(c.path("tasks").get(0).path("dutyId").asLong()).isEqualTo(duty);
		assertThat(c.path("tasks").get(0).path("role").asString()).isEqualTo("LEAD");

		String task = taskOf(c, "zhujian");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task + "/sign", null));
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task + "/arrive", Map.of("note", "已到现场查看")));
		Api.Response photo = as("dept-zhujian").upload("路灯.png", PNG);
		assertThat(photo.status()).as(photo.raw().body()).isEqualTo(201);
		assertThat(photo.text("contentType")).isEqualTo("image/png");
		c = ok(as("dept-zhujian").post("/api/v1/tasks/" + task + "/complete",
				Map.of("result", "已更换灯泡，路灯恢复照明", "attachmentIds", List.of(photo.text("id"))))).body();
		assertThat(c.path("status").asString()).isEqualTo("PENDING_EVALUATION");
		assertThat(c.path("tasks").get(0).path("attachmentIds").get(0).asString()).isEqualTo(photo.text("id"));

		// The requester may now see the photo; an unrelated department may not.
		assertThat(org.sudi.personaldata.Images.samePicture(
				as("citizen").download("/api/v1/attachments/" + photo.text("id")).body(), PNG)).isTrue();
		assertThat(as("dept-shuiwu").download("/api/v1/attachments/" + photo.text("id")).statusCode()).isEqualTo(404);

		c = ok(as("citizen").post("/api/v1/cases/" + id + "/evaluate",
				Map.of("rating", "SATISFIED", "comment", "处理及时"))).body();
		assertThat(c.path("status").asString()).isEqualTo("CLOSED");
		assertThat(c.path("outcome").asString()).isEqualTo("RESOLVED");
		assertThat(c.path("evaluations").get(0).path("rating").asString()).isEqualTo("SATISFIED");

		assertThat(actions(id)).containsExactly("SUBMIT", "ESCALATE", "DISPATCH", "SIGN", "ARRIVE", "COMPLETE",
				"EVALUATE", "CLOSE");
		JsonNode timeline = ok(as("citizen").get("/api/v1/cases/" + id + "/timeline")).body();
		assertThat(timeline.get(1).path("actorUsername").asString()).isEqualTo("town-tanshan");
		assertThat(timeline.get(1).path("fromStatus").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(timeline.get(1).path("toStatus").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(timeline.get(1).path("note").asString()).contains("超出街道职权");
	}

	@Test
	@DisplayName("LIVELIHOOD accepted by the town for one of its villages, solved by the village, follow-up call records satisfaction")
	void livelihoodSolvedByVillage() {
		JsonNode c = livelihood("hotline", "tanshan", "楼道堆放杂物影响通行");
		String id = c.path("id").asString();
		assertThat(c.path("channel").asString()).isEqualTo("HOTLINE");

		c = ok(as("town-tanshan").post("/api/v1/cases/" + id + "/accept",
				Map.of("assigneeOrgId", org("tanshan-01"), "note", "交社区办理"))).body();
		assertThat(c.path("status").asString()).isEqualTo("IN_PROGRESS");
		String task = taskOf(c, "tanshan-01");

		c = handle("village-tanshan-01", task, false, "已组织清理楼道杂物");
		assertThat(c.path("status").asString()).isEqualTo("PENDING_EVALUATION");

		c = ok(as("hotline").post("/api/v1/cases/" + id + "/evaluate",
				Map.of("rating", "SATISFIED", "comment", "回访：群众满意"))).body();
		assertThat(c.path("outcome").asString()).isEqualTo("RESOLVED");
		assertThat(actions(id)).containsExactly("SUBMIT", "ACCEPT", "SIGN", "COMPLETE", "EVALUATE", "CLOSE");
	}

	@Test
	@DisplayName("ENFORCEMENT whistle by a town: one lead and two assisting departments, each reports on site, evaluated by the town")
	void enforcementWhistle() {
		JsonNode c = submit("town-gushao", Map.of("type", "ENFORCEMENT", "title", "运河岸边非法采砂",
				"description", "夜间有船只在运河古邵段非法采砂，需要执法、自然资源、环保联合处置", "urgency", "URGENT"));
		String id = c.path("id").asString();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(c.path("channel").asString()).isEqualTo("TOWN");
		assertThat(c.path("townId").asLong()).isEqualTo(org("gushao"));

		c = dispatch(id, "zhifa", List.of("ziran", "huanbao"), null);
		assertThat(c.path("tasks")).hasSize(3);

		// An enforcement task cannot be completed before the unit reports on site.
		String lead = taskOf(c, "zhifa");
		ok(as("dept-zhifa").post("/api/v1/tasks/" + lead + "/sign", null));
		Api.Response early = as("dept-zhifa").post("/api/v1/tasks/" + lead + "/complete",
				Map.of("result", "已处置", "attachmentIds", List.of()));
		assertThat(early.status()).isEqualTo(409);
		assertThat(early.text("currentStatus")).isEqualTo("SIGNED");
		ok(as("dept-zhifa").post("/api/v1/tasks/" + lead + "/arrive", Map.of("note", "执法队员已到场")));
		c = ok(as("dept-zhifa").post("/api/v1/tasks/" + lead + "/complete",
				Map.of("result", "查扣采砂船一艘，立案处罚", "attachmentIds", List.of()))).body();
		assertThat(c.path("status").asString()).isEqualTo("IN_PROGRESS");

		handle("dept-ziran", taskOf(c, "ziran"), true, "认定非法采矿，移交执法");
		c = handle("dept-huanbao", taskOf(c, "huanbao"), true, "采样监测水质，未见超标");
		assertThat(c.path("status").asString()).isEqualTo("PENDING_EVALUATION");

		c = ok(as("town-gushao").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED"))).body();
		assertThat(c.path("outcome").asString()).isEqualTo("RESOLVED");
		assertThat(c.path("evaluations").get(0).path("byUsername").asString()).isEqualTo("town-gushao");
	}

	@Test
	@DisplayName("DEVELOPMENT by an enterprise on the green channel, with an approved extension")
	void developmentWithExtension() {
		JsonNode c = submit("enterprise", Map.of("type", "DEVELOPMENT", "title", "新建厂房施工许可办理咨询",
				"description", "我公司新建厂房，施工许可材料不清楚，希望审批局指导"));
		String id = c.path("id").asString();
		assertThat(c.path("greenChannel").asBoolean()).isTrue();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(c.path("channel").asString()).isEqualTo("ENTERPRISE");

		c = dispatch(id, "shenpi", List.of(), null);
		String task = taskOf(c, "shenpi");
		ok(as("dept-shenpi").post("/api/v1/tasks/" + task + "/sign", null));
		c = ok(as("dept-shenpi").post("/api/v1/tasks/" + task + "/extension-request",
				Map.of("days", 5, "reason", "需现场踏勘"))).body();
		assertThat(c.path("tasks").get(0).path("pendingRequest").path("kind").asString()).isEqualTo("EXTENSION");
		assertThat(c.path("tasks").get(0).path("pendingRequest").path("days").asInt()).isEqualTo(5);

		// Only the command centre decides.
		assertThat(as("dept-shenpi").post("/api/v1/tasks/" + task + "/extension-request/decision",
				Map.of("approve", true)).status()).isEqualTo(403);
		c = ok(as("dispatcher").post("/api/v1/tasks/" + task + "/extension-request/decision",
				Map.of("approve", true, "note", "同意延期"))).body();
		assertThat(c.path("tasks").get(0).path("extensionDays").asInt()).isEqualTo(5);
		assertThat(c.path("tasks").get(0).path("pendingRequest").isNull()).isTrue();

		c = ok(as("dept-shenpi").post("/api/v1/tasks/" + task + "/complete",
				Map.of("result", "已上门指导并受理施工许可", "attachmentIds", List.of()))).body();
		c = ok(as("enterprise").post("/api/v1/cases/" + id + "/evaluate",
				Map.of("rating", "BASICALLY_SATISFIED"))).body();
		assertThat(c.path("outcome").asString()).isEqualTo("RESOLVED");
		assertThat(actions(id)).contains("EXTENSION_REQUEST", "EXTENSION_APPROVED");
	}

	@Test
	@DisplayName("An approved return of the only task sends the case back to triage; it can be dispatched again")
	void returnSendsBackToTriage() {
		JsonNode c = livelihood("hotline", "wulin", "小区供暖温度不达标");
		String id = c.path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "供热企业监管不属街道")));
		c = dispatch(id, "jiaotong", List.of(), null);
		String task = taskOf(c, "jiaotong");

		ok(as("dept-jiaotong").post("/api/v1/tasks/" + task + "/return-request",
				Map.of("reason", "供暖不属交通运输局职责")));
		// A refused return keeps the task with the unit.
		c = ok(as("dispatcher").post("/api/v1/tasks/" + task + "/return-request/decision",
				Map.of("approve", false, "note", "请先核实"))).body();
		assertThat(taskStatus(c, task)).isEqualTo("DISPATCHED");

		ok(as("dept-jiaotong").post("/api/v1/tasks/" + task + "/return-request",
				Map.of("reason", "已核实，供暖属住建局")));
		c = ok(as("dispatcher").post("/api/v1/tasks/" + task + "/return-request/decision",
				Map.of("approve", true))).body();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(taskStatus(c, task)).isEqualTo("RETURNED");

		c = dispatch(id, "zhujian", List.of(), null);
		assertThat(c.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(taskStatus(c, taskOf(c, "zhujian"))).isEqualTo("DISPATCHED");
		// The unit that returned the task can still read the case it once had.
		assertThat(as("dept-jiaotong").get("/api/v1/cases/" + id).status()).isEqualTo(200);
	}

	@Test
	@DisplayName("UNSATISFIED twice in a row: two rework rounds and an accountability record against the lead unit")
	void unsatisfiedTwiceOpensAccountability() {
		JsonNode c = livelihood("citizen", "yinping", "村头垃圾长期无人清运");
		String id = c.path("id").asString();
		ok(as("town-yinping").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需区级统筹")));
		c = dispatch(id, "zhifa", List.of("huanbao"), null);
		handle("dept-zhifa", taskOf(c, "zhifa"), false, "已清运");
		c = handle("dept-huanbao", taskOf(c, "huanbao"), false, "已督促");

		c = ok(as("citizen").post("/api/v1/cases/" + id + "/evaluate",
				Map.of("rating", "UNSATISFIED", "comment", "垃圾还在"))).body();
		assertThat(c.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(c.path("round").asInt()).isEqualTo(2);
		assertThat(c.path("consecutiveFailures").asInt()).isEqualTo(1);
		assertThat(c.path("tasks")).hasSize(4);
		assertThat(accountabilityFor(id)).isEmpty();

		handle("dept-zhifa", taskOf(c, "zhifa"), false, "再次清运");
		c = handle("dept-huanbao", taskOf(c, "huanbao"), false, "再次督促");
		c = ok(as("citizen").post("/api/v1/cases/" + id + "/evaluate",
				Map.of("rating", "UNSATISFIED", "comment", "还是没有解决"))).body();
		assertThat(c.path("round").asInt()).isEqualTo(3);
		assertThat(c.path("consecutiveFailures").asInt()).isEqualTo(2);

		List<JsonNode> records = accountabilityFor(id);
		assertThat(records).hasSize(1);
		assertThat(records.get(0).path("orgId").asLong()).isEqualTo(org("zhifa"));
		assertThat(records.get(0).path("status").asString()).isEqualTo("OPEN");
		assertThat(records.get(0).path("situation").asString()).isEqualTo("POOR_IMPLEMENTATION");
		assertThat(actions(id)).containsSubsequence("EVALUATE", "REWORK", "EVALUATE", "REWORK");

		// A third failure in a row opens a further record.
		handle("dept-zhifa", taskOf(c, "zhifa"), false, "第三次清运");
		handle("dept-huanbao", taskOf(c, "huanbao"), false, "第三次督促");
		ok(as("dispatcher").post("/api/v1/cases/" + id + "/verify", Map.of("passed", false, "note", "现场仍有垃圾")));
		assertThat(accountabilityFor(id)).hasSize(2);
	}

	private List<JsonNode> accountabilityFor(String caseId) {
		return ok(as("discipline").get("/api/v1/accountability")).body().valueStream()
			.filter(r -> r.path("caseId").asString().equals(caseId))
			.toList();
	}
}
