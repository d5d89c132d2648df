package org.sudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.MutableClock;
import org.sudi.clock.internal.DeadlineSweeper;

import com.github.kagkarlsson.scheduler.Scheduler;

import tools.jackson.databind.JsonNode;

/**
 * The assessment over HTTP on a constructed month (March 2030, no holidays on the calendar) whose
 * answers are known: eight cases handled by 区住建局 (zhujian) in 坛山街道 (tanshan) — on time, late,
 * reworked, extended, returned, refused-return-then-overdue, unanswered (NOT_GIVEN), a town's
 * whistle — plus one the town handles itself; then closing the month, its immutability, reopening,
 * and the Excel export.
 */
@Import(MutableClock.Config.class)
class AssessmentApiTests extends ApiTestSupport {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	@Autowired
	MutableClock clock;

	@Autowired
	DeadlineSweeper sweeper;

	@Autowired
	Scheduler scheduler;

	/** The test moves time and sweeps itself; the background sweep would fire in between. */
	@BeforeEach
	void pauseBackgroundSweep() {
		scheduler.pause();
	}

	@AfterEach
	void resumeBackgroundSweep() {
		scheduler.resume();
	}

	static Instant at(String local) {
		return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
	}

	private void travelTo(String local) {
		clock.set(at(local));
		Api.forgetTokens();
	}

	/** Fires everything left due by earlier tests, so it does not land in the month under test. */
	private void drainAt(String local) {
		travelTo(local);
		while (sweeper.sweep() > 0) {
			// again
		}
	}

	private String newLivelihood(String title) {
		return livelihood("citizen", "tanshan", title).path("id").asString();
	}

	private void escalate(String id) {
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需区住建局处理")));
	}

	private void evaluate(String id, String rating) {
		ok(as("dispatcher").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", rating, "comment", "回访")));
	}

	private JsonNode caseOf(String id) {
		return ok(as("dispatcher").get("/api/v1/cases/" + id)).body();
	}

	private static JsonNode unit(JsonNode results, String kind, long orgId) {
		for (JsonNode u : results.path(kind)) {
			if (u.path("orgId").asLong() == orgId) {
				return u;
			}
		}
		throw new AssertionError("no unit " + orgId + " in " + kind);
	}

	@Test
	@DisplayName("every measure of a constructed month, bottom-up score, composite, then close, freeze, reopen, export")
	void constructedMonth() throws Exception {
		drainAt("2030-02-20T09:00");

		// Mon 4 March 2030, 09:00: seven livelihood cases for 坛山街道 and one whistle of the town.
		travelTo("2030-03-04T09:00");
		String a = newLivelihood("A 路灯不亮"), b = newLivelihood("B 井盖缺失"), c = newLivelihood("C 楼道漏水"),
				d = newLivelihood("D 违章搭建"), e = newLivelihood("E 管道漏水"), f = newLivelihood("F 墙体开裂"),
				g = newLivelihood("G 垃圾清运");
		String h = submit("town-tanshan", Map.of("type", "ENFORCEMENT", "title", "H 工地夜间施工扰民",
				"description", "请区住建局执法")).path("id").asString();

		travelTo("2030-03-04T09:30");
		for (String id : List.of(a, b, c, d, e, f)) {
			escalate(id);
		}
		// G: the town handles it itself, on time, and the requester is satisfied.
		JsonNode gCase = ok(as("town-tanshan").post("/api/v1/cases/" + g + "/accept", Map.of("note", "本镇办理"))).body();
		String gTask = taskOf(gCase, "tanshan");
		travelTo("2030-03-04T09:40");
		handle("town-tanshan", gTask, false, "已清运");
		evaluate(g, "SATISFIED");

		travelTo("2030-03-04T10:00");
		Map<String, String> task = new HashMap<>();
		for (String id : List.of(a, b, c, d, e, f, h)) {
			task.put(id, taskOf(dispatch(id, "zhujian", List.of(), null), "zhujian"));
		}

		// E: returned with approval, then handled by 区水务局. F: return refused, then nothing done.
		travelTo("2030-03-04T10:10");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(e) + "/return-request", Map.of("reason", "不属于本局职责")));
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(f) + "/return-request", Map.of("reason", "不想办")));
		travelTo("2030-03-04T10:20");
		ok(as("dispatcher").post("/api/v1/tasks/" + task.get(e) + "/return-request/decision", Map.of("approve", true)));
		ok(as("dispatcher").post("/api/v1/tasks/" + task.get(f) + "/return-request/decision",
				Map.of("approve", false, "note", "属于住建职责，请办理")));
		// A, C, D signed on time (due 12:00); H (enforcement: sign in 30 min, on site, done) too.
		for (String id : List.of(a, c, d, h)) {
			ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(id) + "/sign", null));
		}
		travelTo("2030-03-04T10:30");
		String eShuiwu = taskOf(dispatch(e, "shuiwu", List.of(), null), "shuiwu");
		travelTo("2030-03-04T10:40");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(h) + "/arrive", Map.of("note", "已到现场")));
		handle("dept-shuiwu", eShuiwu, false, "已修复管道");
		travelTo("2030-03-04T11:00");
		for (String id : List.of(a, c, h)) {
			ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(id) + "/complete",
					Map.of("result", "已处理", "attachmentIds", List.of())));
		}
		evaluate(a, "SATISFIED");
		evaluate(e, "SATISFIED");
		ok(as("town-tanshan").post("/api/v1/cases/" + h + "/evaluate", Map.of("rating", "BASICALLY_SATISFIED")));
		// C: unsatisfied → round 2 for zhujian, signed and completed on time, then satisfied.
		evaluate(c, "UNSATISFIED");
		String c2 = taskOf(caseOf(c), "zhujian");
		travelTo("2030-03-04T11:10");
		handle("dept-zhujian", c2, false, "已重新维修");
		evaluate(c, "SATISFIED");
		// D: asks for 3 more days, approved (complete by Mon 11 → Thu 14 March 10:00).
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(d) + "/extension-request",
				Map.of("days", 3, "reason", "需等待材料")));
		ok(as("dispatcher").post("/api/v1/tasks/" + task.get(d) + "/extension-request/decision", Map.of("approve", true)));

		// B: signed late (due 12:00), completed, basically satisfied.
		travelTo("2030-03-04T12:10");
		handle("dept-zhujian", task.get(b), false, "已补装井盖");
		evaluate(b, "BASICALLY_SATISFIED");

		// 12:30: the clock sees F's sign deadline missed: overdue, supervision, and — its return having
		// been refused — an accountability record for defying the command centre.
		travelTo("2030-03-04T12:30");
		sweeper.sweep();

		// D completed on Wed 13 March: after its first deadline, before the extended one.
		travelTo("2030-03-13T11:00");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(d) + "/complete",
				Map.of("result", "已拆除", "attachmentIds", List.of())));

		// Sun 17 March: D's evaluation window (3 days) ended unanswered → NOT_GIVEN, closed RESOLVED;
		// F's completion deadline (Mon 11 March 10:00) is missed too.
		travelTo("2030-03-17T12:00");
		sweeper.sweep();
		assertThat(caseOf(d).path("status").asString()).isEqualTo("CLOSED");

		// 坛山街道 scores 区住建局 for March; a department it never worked with cannot be scored.
		travelTo("2030-03-18T09:00");
		ok(as("town-tanshan").put("/api/v1/assessment/months/2030-03/scores",
				Map.of("departmentId", org("zhujian"), "score", 80, "comment", "响应较快")));
		Api.Response notWorked = as("town-tanshan").put("/api/v1/assessment/months/2030-03/scores",
				Map.of("departmentId", org("jiaoti"), "score", 10));
		assertThat(notWorked.status()).isEqualTo(400);
		assertThat(as("dept-zhujian").put("/api/v1/assessment/months/2030-03/scores",
				Map.of("departmentId", org("shuiwu"), "score", 10)).status()).isEqualTo(403);

		JsonNode march = ok(as("leader").get("/api/v1/assessment/months/2030-03")).body();
		assertThat(march.path("status").asString()).isEqualTo("OPEN");
		JsonNode zhujian = unit(march, "departments", org("zhujian"));
		JsonNode m = zhujian.path("measures");
		// 8 tasks: A B C C(round 2) D E F H; signed on time: A C C2 D H.
		assertThat(m.path("received").asLong()).isEqualTo(8);
		assertThat(m.path("signedOnTime").asLong()).isEqualTo(5);
		// E returned with approval; on time: A B C C2 D (extended) H — not F.
		assertThat(m.path("completable").asLong()).isEqualTo(7);
		assertThat(m.path("completedOnTime").asLong()).isEqualTo(6);
		// Closed with zhujian leading: A B C D H; C was reworked.
		assertThat(m.path("closed").asLong()).isEqualTo(5);
		assertThat(m.path("resolvedFirstTime").asLong()).isEqualTo(4);
		// Rounds judged: A S, B BS, C1 U (rework), C2 S, D NOT_GIVEN, H BS.
		assertThat(m.path("satisfied").asLong()).isEqualTo(2);
		assertThat(m.path("basicallySatisfied").asLong()).isEqualTo(2);
		assertThat(m.path("unsatisfied").asLong()).isEqualTo(1);
		assertThat(m.path("notGiven").asLong()).isEqualTo(1);
		assertThat(m.path("judged").asLong()).isEqualTo(6);
		assertThat(m.path("reworks").asLong()).isEqualTo(1);
		assertThat(m.path("returnRequests").asLong()).isEqualTo(2);
		assertThat(m.path("returnsApproved").asLong()).isEqualTo(1);
		assertThat(m.path("extensionRequests").asLong()).isEqualTo(1);
		assertThat(m.path("extensionsApproved").asLong()).isEqualTo(1);
		assertThat(m.path("overdue").asLong()).as("F: sign and completion").isEqualTo(2);
		assertThat(m.path("supervisions").asLong()).isEqualTo(2);
		assertThat(m.path("accountability").asLong()).isEqualTo(1);
		assertThat(zhujian.path("responseRate").asDouble()).isCloseTo(5.0 / 8, within(1e-9));
		assertThat(zhujian.path("onTimeCompletionRate").asDouble()).isCloseTo(6.0 / 7, within(1e-9));
		assertThat(zhujian.path("resolutionRate").asDouble()).isCloseTo(4.0 / 5, within(1e-9));
		assertThat(zhujian.path("satisfactionRate").asDouble()).isCloseTo((2 + 0.9 * 2) / 5, within(1e-9));
		assertThat(zhujian.path("reworkRate").asDouble()).isCloseTo(1.0 / 6, within(1e-9));
		assertThat(zhujian.path("approvedReturnRate").asDouble()).isCloseTo(0.5, within(1e-9));
		// Bottom-up: the town's 80 and its whistle's BASICALLY_SATISFIED (90) → 85.
		assertThat(zhujian.path("bottomUp").asDouble()).isCloseTo(85, within(1e-9));
		double rates = 100 * (0.1 * 5 / 8 + 0.5 * 4 / 5 + 0.4 * 3.8 / 5);
		assertThat(zhujian.path("composite").asDouble()).isCloseTo(0.8 * rates + 0.2 * 85, within(1e-9));

		// 坛山街道: 7 reviews on time, its own task signed on time, G resolved and satisfied.
		JsonNode tanshan = unit(march, "towns", org("tanshan"));
		assertThat(tanshan.path("measures").path("reviews").asLong()).isEqualTo(7);
		assertThat(tanshan.path("measures").path("reviewsOnTime").asLong()).isEqualTo(7);
		assertThat(tanshan.path("measures").path("received").asLong()).isEqualTo(1);
		assertThat(tanshan.path("responseRate").asDouble()).isEqualTo(1.0);
		assertThat(tanshan.path("composite").asDouble()).isCloseTo(100, within(1e-9));
		assertThat(tanshan.path("rank").asInt()).isEqualTo(1);
		// 区水务局 (E: on time, resolved, satisfied) ranks above 区住建局; units without work are not ranked.
		assertThat(unit(march, "departments", org("shuiwu")).path("rank").asInt()).isEqualTo(1);
		assertThat(zhujian.path("rank").asInt()).isEqualTo(2);
		assertThat(unit(march, "departments", org("jiaoti")).path("rank").isNull()).isTrue();

		// The refused return followed by no handling is on the register as defying the command centre.
		JsonNode record = ok(as("discipline").get("/api/v1/accountability")).body().valueStream()
			.filter(r -> r.path("caseId").asString().equals(f))
			.findFirst().orElseThrow();
		assertThat(record.path("cause").asString()).isEqualTo("REFUSED_RETURN_OVERDUE");
		assertThat(record.path("situation").asString()).isEqualTo("DEFYING_COMMAND_CENTER");

		// A March task still open when the month is closed.
		travelTo("2030-03-29T10:00");
		String i = newLivelihood("I 路面塌陷");
		escalate(i);
		String iTask = taskOf(dispatch(i, "zhujian", List.of(), null), "zhujian");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + iTask + "/sign", null));

		// Closing: not before the month ended, only by an administrator.
		assertThat(as("admin").post("/api/v1/assessment/months/2030-03/close", null).status()).isEqualTo(409);
		travelTo("2030-04-01T09:00");
		assertThat(as("leader").post("/api/v1/assessment/months/2030-03/close", null).status()).isEqualTo(403);
		JsonNode closed = ok(as("admin").post("/api/v1/assessment/months/2030-03/close", null)).body();
		assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
		assertThat(closed.path("version").asInt()).isEqualTo(1);
		assertThat(as("admin").post("/api/v1/assessment/months/2030-03/close", null).status()).isEqualTo(409);

		// I is completed on time after the close: the live range shows it, the closed month does not.
		travelTo("2030-04-01T10:00");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + iTask + "/complete",
				Map.of("result", "已修复", "attachmentIds", List.of())));
		JsonNode frozen = ok(as("leader").get("/api/v1/assessment/months/2030-03")).body();
		assertThat(frozen.path("status").asString()).isEqualTo("CLOSED");
		assertThat(unit(frozen, "departments", org("zhujian")).path("measures").path("received").asLong()).isEqualTo(9);
		assertThat(unit(frozen, "departments", org("zhujian")).path("measures").path("completedOnTime").asLong())
			.isEqualTo(6);
		assertThat(unit(frozen, "departments", org("zhujian")).path("composite").asDouble())
			.isEqualTo(unit(closed, "departments", org("zhujian")).path("composite").asDouble());
		JsonNode live = ok(as("leader").get("/api/v1/assessment/measures?from=2030-03-01&to=2030-03-31")).body();
		assertThat(unit(live, "departments", org("zhujian")).path("measures").path("completedOnTime").asLong())
			.isEqualTo(7);
		// Scores of a closed month cannot change.
		assertThat(as("town-tanshan").put("/api/v1/assessment/months/2030-03/scores",
				Map.of("departmentId", org("zhujian"), "score", 100)).status()).isEqualTo(409);

		// The export is the frozen month.
		var download = as("leader").download("/api/v1/assessment/months/2030-03/export");
		assertThat(download.statusCode()).isEqualTo(200);
		try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
			Sheet departments = wb.getSheet("部门 Departments");
			Row row = null;
			for (Row r : departments) {
				if (r.getRowNum() > 0 && r.getCell(1).getStringCellValue().equals("区住房和城乡建设局")) {
					row = r;
				}
			}
			assertThat(row).isNotNull();
			assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(2);
			assertThat(row.getCell(2).getNumericCellValue())
				.isCloseTo(unit(closed, "departments", org("zhujian")).path("composite").asDouble(), within(1e-9));
			assertThat(row.getCell(11).getNumericCellValue()).as("received").isEqualTo(9);
			assertThat(wb.getSheet("镇街 Towns").getRow(1).getCell(1).getStringCellValue()).isEqualTo("坛山街道");
		}

		// Reopening: administrators only, with a reason, audited; the month is live again.
		assertThat(as("admin").post("/api/v1/assessment/months/2030-03/reopen", Map.of("reason", " ")).status())
			.isEqualTo(400);
		assertThat(as("discipline").post("/api/v1/assessment/months/2030-03/reopen", Map.of("reason", "复核"))
			.status()).isEqualTo(403);
		JsonNode reopened = ok(as("admin").post("/api/v1/assessment/months/2030-03/reopen",
				Map.of("reason", "住建局申诉，复核 I 案"))).body();
		assertThat(reopened.path("status").asString()).isEqualTo("OPEN");
		assertThat(unit(reopened, "departments", org("zhujian")).path("measures").path("completedOnTime").asLong())
			.isEqualTo(7);
		JsonNode reclosed = ok(as("admin").post("/api/v1/assessment/months/2030-03/close", null)).body();
		assertThat(reclosed.path("version").asInt()).isEqualTo(2);
		assertThat(ok(as("leader").get("/api/v1/assessment/months/2030-03/audit")).body().valueStream()
			.map(x -> x.path("action").asString() + ":" + x.path("version").asInt() + ":" + x.path("byUsername").asString())
			.toList()).containsExactly("CLOSE:1:admin", "REOPEN:1:admin", "CLOSE:2:admin");
		// Citizens read none of it.
		assertThat(as("citizen").get("/api/v1/assessment/months/2030-03").status()).isEqualTo(403);
	}
}
