package org.sudi.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.Api;
import org.sudi.ApiTestSupport;
import org.sudi.MutableClock;
import org.sudi.assessment.Measures;
import org.sudi.clock.internal.DeadlineSweeper;

import com.github.kagkarlsson.scheduler.Scheduler;

import tools.jackson.databind.JsonNode;

/**
 * The per-day counters (ADR 0025) give exactly what the fact queries count — for a month, for each of
 * its days, across a month boundary and over all the facts in the database — while facts move between
 * days, units and predicates: tasks signed late, returned, extended; rounds reworked after an
 * evaluation and after a failed verification; a town's whistle rated; evaluation windows expiring;
 * deadlines missed with supervision and accountability; facts deleted or moved. Also after a fold,
 * after a rebuild, and when the stored zone is not the clock's (then the facts are read until start-up
 * rebuilds the counters in the clock's zone).
 */
@Import(MutableClock.Config.class)
class DayCountsTests extends ApiTestSupport {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
	static final LocalDate JUNE = LocalDate.of(2031, 6, 1);

	@Autowired
	MutableClock clock;

	@Autowired
	DeadlineSweeper sweeper;

	@Autowired
	Scheduler scheduler;

	@Autowired
	MeasureQueries queries;

	@Autowired
	DayCounts dayCounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	Instant clockBefore;

	/** The test moves time, sweeps and folds itself. */
	@BeforeEach
	void pauseBackground() {
		scheduler.pause();
		clockBefore = clock.instant();
	}

	@AfterEach
	void resumeBackground() {
		clock.set(clockBefore);
		Api.forgetTokens();
		scheduler.resume();
	}

	private void travelTo(String local) {
		clock.set(LocalDateTime.parse(local).atZone(SHANGHAI).toInstant());
		Api.forgetTokens();
	}

	private String escalated(String title) {
		String id = livelihood("citizen", "tanshan", title).path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需区住建局处理")));
		return id;
	}

	private JsonNode caseOf(String id) {
		return ok(as("dispatcher").get("/api/v1/cases/" + id)).body();
	}

	private void evaluate(String id, String rating) {
		ok(as("dispatcher").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", rating, "comment", "回访")));
	}

	private void sign(String task) {
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task + "/sign", null));
	}

	private void complete(String username, String task) {
		ok(as(username).post("/api/v1/tasks/" + task + "/complete", Map.of("result", "已处理", "attachmentIds", List.of())));
	}

	@Test
	@DisplayName("counters equal the fact queries for the month and each day while facts move between days, units and predicates")
	void countersEqualFacts() {
		travelTo("2031-05-20T09:00");
		while (sweeper.sweep() > 0) {
			// what earlier tests left due fires before June
		}
		assertExact("before June");

		// Mon 2 June: six livelihood cases of 坛山街道 for 区住建局 and a whistle of the town.
		travelTo("2031-06-02T09:00");
		String a = escalated("A 路灯不亮"), b = escalated("B 井盖缺失"), c = escalated("C 楼道漏水"),
				d = escalated("D 违章搭建"), e = escalated("E 管道漏水"), f = escalated("F 墙体开裂");
		String h = submit("town-tanshan", Map.of("type", "ENFORCEMENT", "title", "H 工地夜间施工扰民",
				"description", "请区住建局执法")).path("id").asString();
		travelTo("2031-06-02T10:00");
		Map<String, String> task = new HashMap<>();
		for (String id : List.of(a, b, c, d, e, h)) {
			task.put(id, taskOf(dispatch(id, "zhujian", List.of(), null), "zhujian"));
		}
		String fShuiwu = taskOf(dispatch(f, "zhujian", List.of("shuiwu"), null), "shuiwu");
		task.put(f, taskOf(caseOf(f), "zhujian"));
		assertExact("dispatched");

		// E returned with approval (no longer completable) and sent to 区水务局; D extended by 3 days.
		travelTo("2031-06-02T10:10");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(e) + "/return-request", Map.of("reason", "不属于本局职责")));
		for (String id : List.of(a, c, d, f, h)) {
			sign(task.get(id));
		}
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(d) + "/extension-request",
				Map.of("days", 3, "reason", "需等待材料")));
		travelTo("2031-06-02T10:20");
		ok(as("dispatcher").post("/api/v1/tasks/" + task.get(e) + "/return-request/decision", Map.of("approve", true)));
		ok(as("dispatcher").post("/api/v1/tasks/" + task.get(d) + "/extension-request/decision", Map.of("approve", true)));
		String eShuiwu = taskOf(dispatch(e, "shuiwu", List.of(), null), "shuiwu");
		assertExact("returned, extended, signed");

		// A, C, H completed; A satisfied, H rated by the whistle-blowing town, C unsatisfied → round 2.
		travelTo("2031-06-02T11:00");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + task.get(h) + "/arrive", Map.of("note", "已到现场")));
		for (String id : List.of(a, c, h)) {
			complete("dept-zhujian", task.get(id));
		}
		handle("dept-shuiwu", eShuiwu, false, "已修复管道");
		evaluate(a, "SATISFIED");
		evaluate(e, "SATISFIED");
		ok(as("town-tanshan").post("/api/v1/cases/" + h + "/evaluate", Map.of("rating", "BASICALLY_SATISFIED")));
		evaluate(c, "UNSATISFIED");
		String c2 = taskOf(caseOf(c), "zhujian");
		assertExact("evaluated, reworked");

		// B's sign deadline is missed (overdue, supervision); then B is signed late on Tuesday.
		travelTo("2031-06-02T12:30");
		sweeper.sweep();
		travelTo("2031-06-03T09:00");
		handle("dept-zhujian", task.get(b), false, "已补装井盖");
		evaluate(b, "BASICALLY_SATISFIED");
		// C round 2 done and failed on verification: a second failure in a row → round 3 and accountability.
		handle("dept-zhujian", c2, false, "已重新维修");
		ok(as("dispatcher").post("/api/v1/cases/" + c + "/verify", Map.of("passed", false, "note", "仍在漏水")));
		String c3 = taskOf(caseOf(c), "zhujian");
		assertThat(jdbc.sql("select count(*) from accountability_record where case_id = ?::uuid").param(c)
			.query(Long.class).single()).as("the second failure in a row opens a record").isPositive();
		assertExact("signed late, verification failed");

		// D completed after its first deadline, before the extended one; F done by both units.
		travelTo("2031-06-06T10:00");
		complete("dept-zhujian", task.get(d));
		handle("dept-zhujian", c3, false, "第三次维修");
		evaluate(c, "SATISFIED");
		complete("dept-zhujian", task.get(f));
		handle("dept-shuiwu", fShuiwu, false, "已配合");
		// Evaluation windows end unanswered (NOT_GIVEN, closed days later than dispatched).
		travelTo("2031-06-16T12:00");
		sweeper.sweep();
		assertThat(caseOf(d).path("status").asString()).isEqualTo("CLOSED");
		assertExact("windows expired");

		// Across the month boundary: dispatched on 30 June 23:50, signed and done on 1 July.
		travelTo("2031-06-30T23:40");
		String i = escalated("I 路面塌陷");
		travelTo("2031-06-30T23:50");
		String iTask = taskOf(dispatch(i, "zhujian", List.of(), null), "zhujian");
		travelTo("2031-07-01T00:10");
		handle("dept-zhujian", iTask, false, "已修复");
		evaluate(i, "SATISFIED");

		// not vacuous: June has the unit's work, the whistle and unfolded deltas
		Map<Long, Measures> june = dayCounts.totals(JUNE, JUNE.plusMonths(1)).measures();
		assertThat(june.get(org("zhujian")).received()).isEqualTo(10);
		assertThat(june.get(org("zhujian")).returnsApproved()).isEqualTo(1);
		assertThat(june.get(org("zhujian")).reworks()).isEqualTo(2);
		assertThat(dayCounts.totals(JUNE, JUNE.plusMonths(1)).whistleRatings())
			.contains(new MeasureQueries.WhistleRatings(org("zhujian"), org("tanshan"), "BASICALLY_SATISFIED", 1));
		assertThat(dayCounts.wholeDays(start(JUNE), start(JUNE.plusMonths(1)))).isPresent();
		assertThat(jdbc.sql("select count(*) from asm_day_count_delta").query(Long.class).single()).isPositive();
		assertExact("across the month boundary");

		// Folded: the same numbers from the counters alone.
		assertThat(dayCounts.fold()).isPositive();
		assertThat(jdbc.sql("select count(*) from asm_day_count_delta").query(Long.class).single()).isZero();
		assertExact("folded");

		// Facts deleted or moved by hand (in a transaction rolled back): the triggers follow.
		transactions.executeWithoutResult(tx -> {
			jdbc.sql("delete from asm_judgement where case_id = ?::uuid").param(h).update();
			jdbc.sql("delete from asm_case_fact where case_id = ?::uuid").param(c).update();
			jdbc.sql("delete from asm_task_fact where task_id = ?::uuid").param(task.get(b)).update();
			jdbc.sql("update asm_task_fact set org_id = ?, dispatched_at = dispatched_at + interval '20 hours' where task_id = ?::uuid")
				.params(org("shuiwu"), task.get(a)).update();
			jdbc.sql("update asm_supervision_fact set org_id = ? where case_id = ?::uuid").params(org("shuiwu"), b).update();
			jdbc.sql("update asm_request_fact set approved = not approved where case_id = ?::uuid").param(d).update();
			jdbc.sql("update accountability_record set org_id = ?, created_at = created_at + interval '30 days' where case_id = ?::uuid")
				.params(org("shuiwu"), c).update();
			assertExact("deleted and moved");
			tx.setRollbackOnly();
		});
		assertExact("rolled back");

		// Rebuilt from the facts: the same numbers.
		dayCounts.rebuild();
		assertExact("rebuilt");
	}

	@Test
	@DisplayName("a stored zone other than the clock's: the facts are read, and start-up rebuilds the counters in the clock's zone")
	void zoneChange() {
		transactions.executeWithoutResult(tx -> {
			// two supervisions on one UTC day, 4 March 2030, which are two days in Shanghai (4 and 5 March)
			long id = -9001;
			for (String at : List.of("2030-03-04T15:30:00Z", "2030-03-04T17:00:00Z")) {
				jdbc.sql("""
						insert into asm_supervision_fact(supervision_id, case_id, org_id, automatic, at)
						values (?, gen_random_uuid(), ?, true, ?)""")
					.params(id--, org("shuiwu"), java.sql.Timestamp.from(Instant.parse(at))).update();
			}
			LocalDate fourth = LocalDate.of(2030, 3, 4);
			long shuiwu = org("shuiwu");
			jdbc.sql("update asm_day_count_zone set zone = 'UTC'").update();
			dayCounts.rebuild();
			assertThat(supervisions(fourth, shuiwu)).isEqualTo(supervisionsInFacts(ZoneId.of("UTC"), fourth, shuiwu))
				.isGreaterThanOrEqualTo(2);
			assertThat(dayCounts.wholeDays(start(fourth), start(fourth.plusDays(1)))).as("Shanghai days are not UTC days")
				.isEmpty();
			assertThat(normal(queries.totals(start(fourth), start(fourth.plusDays(1)))))
				.isEqualTo(normal(queries.fromFacts(start(fourth), start(fourth.plusDays(1)))));
			assertExactIn(ZoneId.of("UTC"), fourth.withDayOfMonth(1), "UTC days");

			dayCounts.afterSingletonsInstantiated();
			assertThat(dayCounts.zone()).isEqualTo(SHANGHAI);
			assertThat(dayCounts.wholeDays(start(fourth), start(fourth.plusDays(1)))).isPresent();
			assertThat(supervisions(fourth.plusDays(1), shuiwu)).isEqualTo(supervisionsInFacts(SHANGHAI, fourth.plusDays(1), shuiwu))
				.isPositive();
			assertExactIn(SHANGHAI, fourth.withDayOfMonth(1), "back in the clock's zone");
			assertExactDays(SHANGHAI, fourth, fourth.plusDays(1), "back in the clock's zone");
			tx.setRollbackOnly();
		});
	}

	private long supervisions(LocalDate day, long org) {
		Measures m = dayCounts.totals(day, day.plusDays(1)).measures().get(org);
		return m == null ? 0 : m.supervisions();
	}

	private long supervisionsInFacts(ZoneId zone, LocalDate day, long org) {
		return jdbc.sql("select count(*) from asm_supervision_fact where org_id = ? and at >= ? and at < ?")
			.params(org, java.sql.Timestamp.from(day.atStartOfDay(zone).toInstant()),
					java.sql.Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
			.query(Long.class).single();
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(SHANGHAI).toInstant();
	}

	/** Counters vs facts: June, July, every day from 31 May to 2 July, and all the facts there are. */
	private void assertExact(String when) {
		assertExactIn(SHANGHAI, JUNE, when);
		assertExactIn(SHANGHAI, JUNE.plusMonths(1), when);
		for (LocalDate day = JUNE.minusDays(1); day.isBefore(JUNE.plusMonths(1).plusDays(2)); day = day.plusDays(1)) {
			assertExactDays(SHANGHAI, day, day.plusDays(1), when);
		}
		assertExactDays(SHANGHAI, LocalDate.of(2000, 1, 1), LocalDate.of(2100, 1, 1), when);
	}

	private void assertExactIn(ZoneId zone, LocalDate month, String when) {
		assertExactDays(zone, month, month.plusMonths(1), when);
	}

	private void assertExactDays(ZoneId zone, LocalDate first, LocalDate end, String when) {
		var counted = normal(dayCounts.totals(first, end));
		var facts = normal(queries.fromFacts(first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant()));
		assertThat(counted).as(when + ": days " + first + " to " + end).isEqualTo(facts);
	}

	/** Units with anything counted, and the whistle ratings by department, town and rating. */
	private static Map<String, Object> normal(MeasureQueries.Totals totals) {
		Map<Long, Measures> measures = new HashMap<>(totals.measures());
		measures.values().removeIf(Measures.NONE::equals);
		Map<String, Long> whistle = new HashMap<>();
		totals.whistleRatings().forEach(w -> whistle.merge(w.departmentId() + "/" + w.initiatingOrgId() + "/" + w.rating(),
				w.count(), Long::sum));
		whistle.values().removeIf(n -> n == 0);
		return Map.of("measures", measures, "whistle", whistle);
	}
}
