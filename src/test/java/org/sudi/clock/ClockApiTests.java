package org.sudi.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.sudi.ApiTestSupport;
import org.sudi.MutableClock;
import org.sudi.clock.internal.DeadlineSweeper;

import tools.jackson.databind.JsonNode;

/**
 * The clock over HTTP with time moved by the test: deadlines in working time around National Day
 * 2026, warnings, overdue with automatic supervision and notifications, long overdue with an
 * accountability record, extensions, manual supervision and the evaluation window.
 */
@Import(MutableClock.Config.class)
class ClockApiTests extends ApiTestSupport {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MutableClock clock;

	@Autowired
	DeadlineSweeper sweeper;

	static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	static Instant instant(JsonNode node) {
		return Instant.parse(node.asString());
	}

	@Test
	@DisplayName("a task goes ON_TIME → WARNING → OVERDUE; supervision, notifications and accountability follow")
	void taskClock() {
		travelTo("2026-09-29T09:00");
		JsonNode c = livelihood("citizen", "tanshan", "小区消防通道被占用");
		String id = c.path("id").asString();
		// Town review: 4 working hours from Tue 09:00 → 14:30 (lunch 12:00–13:30 does not count).
		assertThat(instant(c.path("deadlines").path("townReview").path("dueAt"))).isEqualTo(at("2026-09-29T14:30"));
		assertThat(c.path("clockState").asString()).isEqualTo("ON_TIME");

		travelTo("2026-09-29T10:00");
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需住建局处理")));
		c = dispatch(id, "zhujian", List.of(), null);
		JsonNode task = c.path("tasks").get(0);
		String taskId = task.path("id").asString();
		// Sign: 2 working hours → 12:00. Complete: 5 working days over National Day (Oct 1–7 off, Sat Oct 10
		// a make-up workday) → Mon Oct 12 10:00.
		assertThat(instant(task.path("deadlines").path("sign").path("dueAt"))).isEqualTo(at("2026-09-29T12:00"));
		assertThat(instant(task.path("deadlines").path("complete").path("dueAt"))).isEqualTo(at("2026-10-12T10:00"));
		assertThat(task.path("clockState").asString()).isEqualTo("ON_TIME");
		assertThat(timelineNotes(id)).anyMatch(n -> n.contains("办结时限 complete by 2026-10-12 10:00"));

		travelTo("2026-09-29T11:40");
		sweeper.sweep();
		assertThat(taskState(id)).isEqualTo("WARNING");
		assertThat(inboxKinds("dept-zhujian", id)).contains("WARNING");
		assertThat(actions(id)).contains("WARNING");

		travelTo("2026-09-29T12:01");
		sweeper.sweep();
		sweeper.sweep(); // a second sweep fires nothing more
		assertThat(taskState(id)).isEqualTo("OVERDUE");
		JsonNode supervisions = ok(as("dispatcher").get("/api/v1/supervisions?open=true&caseId=" + id)).body();
		assertThat(supervisions).hasSize(1);
		assertThat(supervisions.get(0).path("automatic").asBoolean()).isTrue();
		assertThat(supervisions.get(0).path("orgId").asLong()).isEqualTo(org("zhujian"));
		assertThat(inboxKinds("dispatcher", id)).contains("OVERDUE");
		assertThat(inboxKinds("dept-zhujian", id)).contains("OVERDUE", "SUPERVISION");
		assertThat(inboxKinds("leader", id)).as("a normal livelihood case does not go to the leaders").isEmpty();
		// The department sees its own supervision; another department does not.
		assertThat(ok(as("dept-zhujian").get("/api/v1/supervisions?caseId=" + id)).body()).hasSize(1);
		assertThat(ok(as("dept-shuiwu").get("/api/v1/supervisions?caseId=" + id)).body()).isEmpty();

		// Signing late ends the sign clock; the completion clock runs on.
		travelTo("2026-09-29T14:00");
		c = ok(as("dept-zhujian").post("/api/v1/tasks/" + taskId + "/sign", null)).body();
		assertThat(c.path("tasks").get(0).path("clockState").asString()).isEqualTo("ON_TIME");

		// Still not completed 5 working days after its deadline (Oct 12 10:00 → Oct 19 10:00): accountability.
		travelTo("2026-10-19T10:01");
		sweeper.sweep();
		List<JsonNode> records = ok(as("discipline").get("/api/v1/accountability")).body().valueStream()
			.filter(r -> r.path("caseId").asString().equals(id))
			.toList();
		assertThat(records).hasSize(1);
		assertThat(records.get(0).path("cause").asString()).isEqualTo("LONG_OVERDUE");
		assertThat(records.get(0).path("orgId").asLong()).isEqualTo(org("zhujian"));

		// Completing closes the open supervisions of the task.
		ok(as("dept-zhujian").post("/api/v1/tasks/" + taskId + "/complete",
				Map.of("result", "已清理消防通道", "attachmentIds", List.of())));
		assertThat(ok(as("dispatcher").get("/api/v1/supervisions?open=true&caseId=" + id)).body()).isEmpty();
	}

	@Test
	@DisplayName("an approved extension moves the completion deadline by working days, in the JSON and the timeline")
	void extensionMovesDeadline() {
		travelTo("2026-09-28T09:00");
		String id = submit("enterprise", Map.of("type", "DEVELOPMENT", "title", "环评审批咨询",
				"description", "新建项目环评手续办理")).path("id").asString();
		JsonNode c = dispatch(id, "shenpi", List.of(), null);
		String taskId = taskOf(c, "shenpi");
		// 10 working days from Mon Sep 28 09:00: Sep 28, 29, 30, Oct 8, 9, 10, 12, 13, 14, 15 → Fri Oct 16 09:00
		assertThat(instant(c.path("tasks").get(0).path("deadlines").path("complete").path("dueAt")))
			.isEqualTo(at("2026-10-16T09:00"));
		ok(as("dept-shenpi").post("/api/v1/tasks/" + taskId + "/sign", null));
		ok(as("dept-shenpi").post("/api/v1/tasks/" + taskId + "/extension-request", Map.of("days", 2, "reason", "需专家评审")));
		c = ok(as("dispatcher").post("/api/v1/tasks/" + taskId + "/extension-request/decision", Map.of("approve", true)))
			.body();
		assertThat(instant(c.path("tasks").get(0).path("deadlines").path("complete").path("dueAt")))
			.isEqualTo(at("2026-10-20T09:00"));
		assertThat(timelineNotes(id)).anyMatch(n -> n.contains("办结时限 complete by 2026-10-20 09:00"));
	}

	@Test
	@DisplayName("an urgent case's overdue reaches the leaders; a manual supervision with a tighter deadline reports its miss")
	void urgentAndManualSupervision() {
		travelTo("2026-11-02T20:00");
		JsonNode c = submit("town-gushao", Map.of("type", "ENFORCEMENT", "title", "夜间违规倾倒渣土",
				"description", "有渣土车在河道旁倾倒", "urgency", "URGENT"));
		String id = c.path("id").asString();
		c = dispatch(id, "zhifa", List.of(), null);
		String taskId = taskOf(c, "zhifa");
		// Urgent: sign within 30 calendar minutes, even at night.
		assertThat(instant(c.path("tasks").get(0).path("deadlines").path("sign").path("dueAt")))
			.isEqualTo(at("2026-11-02T20:30"));

		var bad = as("dept-zhifa").post("/api/v1/cases/" + id + "/supervise", Map.of("note", "请尽快"));
		assertThat(bad.status()).isEqualTo(403);
		assertThat(as("leader").post("/api/v1/cases/" + id + "/supervise", Map.of("note", " ")).status()).isEqualTo(400);
		var manual = as("leader").post("/api/v1/cases/" + id + "/supervise",
				Map.of("taskId", taskId, "note", "今晚必须处置到位", "deadline", at("2026-11-02T20:20").toString()));
		assertThat(manual.status()).as(manual.raw().body()).isEqualTo(201);
		assertThat(inboxKinds("dept-zhifa", id)).contains("SUPERVISION");

		travelTo("2026-11-02T20:31");
		sweeper.sweep();
		assertThat(inboxKinds("leader", id)).contains("OVERDUE");
		assertThat(actions(id)).contains("SUPERVISE", "SUPERVISION_MISSED", "OVERDUE");
		assertThat(ok(as("leader").get("/api/v1/supervisions?open=true&caseId=" + id)).body()).hasSize(2);
	}

	@Test
	@DisplayName("an unanswered evaluation window closes the case as RESOLVED with the evaluation marked not given")
	void evaluationWindow() {
		travelTo("2026-11-02T09:00");
		String id = livelihood("citizen", "wulin", "楼道灯不亮").path("id").asString();
		JsonNode c = ok(as("town-wulin").post("/api/v1/cases/" + id + "/accept", Map.of())).body();
		c = handle("town-wulin", taskOf(c, "wulin"), false, "已更换灯泡");
		assertThat(c.path("status").asString()).isEqualTo("PENDING_EVALUATION");
		assertThat(instant(c.path("deadlines").path("evaluation").path("dueAt"))).isEqualTo(at("2026-11-05T09:00"));

		travelTo("2026-11-05T08:59");
		sweeper.sweep();
		assertThat(ok(as("citizen").get("/api/v1/cases/" + id)).body().path("status").asString())
			.isEqualTo("PENDING_EVALUATION");
		travelTo("2026-11-05T09:01");
		sweeper.sweep();
		c = ok(as("citizen").get("/api/v1/cases/" + id)).body();
		assertThat(c.path("status").asString()).isEqualTo("CLOSED");
		assertThat(c.path("outcome").asString()).isEqualTo("RESOLVED");
		assertThat(c.path("evaluations").get(0).path("rating").asString()).isEqualTo("NOT_GIVEN");
		assertThat(inboxKinds("citizen", id)).contains("PROGRESS");
		// Nobody can choose NOT_GIVEN by hand.
		String other = livelihood("citizen", "wulin", "路灯不亮").path("id").asString();
		c = ok(as("town-wulin").post("/api/v1/cases/" + other + "/accept", Map.of())).body();
		handle("town-wulin", taskOf(c, "wulin"), false, "已修复");
		assertThat(as("citizen").post("/api/v1/cases/" + other + "/evaluate", Map.of("rating", "NOT_GIVEN")).status())
			.isEqualTo(400);
	}

	@Test
	@DisplayName("the inbox: unread count, reading marks read, nobody reads another's notification")
	void inbox() {
		travelTo("2026-11-03T09:00");
		String id = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "用工招聘", "description", "招工难"))
			.path("id").asString();
		dispatch(id, "renshe", List.of(), null);
		JsonNode inbox = ok(as("dept-renshe").get("/api/v1/inbox?unreadOnly=true")).body();
		long unread = inbox.path("unread").asLong();
		JsonNode item = inbox.path("items").valueStream().filter(i -> i.path("caseId").asString().equals(id))
			.findFirst().orElseThrow();
		assertThat(item.path("kind").asString()).isEqualTo("TASK");
		String itemId = item.path("id").asString();
		assertThat(as("dept-zhifa").post("/api/v1/inbox/" + itemId + "/read", null).status()).isEqualTo(404);
		assertThat(as("dept-renshe").post("/api/v1/inbox/" + itemId + "/read", null).status()).isEqualTo(204);
		assertThat(ok(as("dept-renshe").get("/api/v1/inbox/unread-count")).body().path("unread").asLong())
			.isEqualTo(unread - 1);
	}

	@Test
	@DisplayName("the requester hears of dispatch, completion and closure, the unit of its task, each under the tracking number")
	void requesterAndUnitAreTold() {
		travelTo("2026-11-04T09:00");
		JsonNode c = throughTheLoop("citizen", "tanshan", "zhujian", "小区路灯不亮");
		String id = c.path("id").asString();
		String no = c.path("trackingNo").asString();
		assertThat(inboxTitles("citizen", id)).containsExactlyInAnyOrder("已派单 Dispatched " + no,
				"已办结 Completed " + no, "已关闭 Closed " + no);
		assertThat(inboxTitles("dept-zhujian", id)).containsExactly("新任务 New task " + no);
		assertThat(inboxTitles("hotline", id)).as("staff who filed nothing hear nothing").isEmpty();
	}

	/** Moves the platform's clock; tokens signed earlier may have expired by then, so sign in again. */
	private void travelTo(String localDateTime) {
		clock.set(at(localDateTime));
		org.sudi.Api.forgetTokens();
	}

	private String taskState(String caseId) {
		return ok(as("dispatcher").get("/api/v1/cases/" + caseId)).body().path("tasks").get(0).path("clockState")
			.asString();
	}

	private List<String> inboxKinds(String username, String caseId) {
		return ok(as(username).get("/api/v1/inbox?size=100")).body().path("items").valueStream()
			.filter(i -> i.path("caseId").asString().equals(caseId))
			.map(i -> i.path("kind").asString())
			.toList();
	}

	private List<String> inboxTitles(String username, String caseId) {
		return ok(as(username).get("/api/v1/inbox?size=100")).body().path("items").valueStream()
			.filter(i -> i.path("caseId").asString().equals(caseId))
			.map(i -> i.path("title").asString())
			.toList();
	}

	private List<String> timelineNotes(String caseId) {
		return ok(as("dispatcher").get("/api/v1/cases/" + caseId + "/timeline")).body().valueStream()
			.map(e -> e.path("note").asString(""))
			.toList();
	}
}
