package org.sudi.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;

import tools.jackson.databind.JsonNode;

/**
 * The data generator on the shared test database, with 2,000 cases: what it writes is what the
 * application reports (screen, monthly assessment, case pages, work list), counted independently from
 * casework's own rows. Everything generated is removed afterwards and the rollups are restored, so
 * the other tests see the database as before.
 */
class DataGeneratorTests extends ApiTestSupport {

	static final int CASES = 2_000;
	static final String[] ROLLUPS = { "ins_day_total", "ins_day_town", "ins_day_category" };

	@Autowired
	ApplicationContext ctx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	long historyBefore;
	String trackingFrom;
	boolean snapshot;

	@Test
	@DisplayName("generated cases are what the screen, the monthly assessment and the case pages report")
	void generatedCasesAreWhatTheApplicationReports() throws Exception {
		JsonNode before = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		for (String t : ROLLUPS) {
			jdbc.sql("drop table if exists datagen_snapshot_" + t).update();
			jdbc.sql("create table datagen_snapshot_" + t + " as select * from " + t).update();
		}
		snapshot = true;
		historyBefore = jdbc.sql("select coalesce(max(id), 0) from triage_history").query(Long.class).single();
		long trackingNext = jdbc.sql("select case when is_called then last_value + 1 else last_value end from case_tracking_seq")
			.query(Long.class).single();
		trackingFrom = String.format("%06d", trackingNext);
		Instant now = clock.instant();

		DataGenerator.Report r = new DataGenerator(ctx)
			.generate(new DataGenerator.Options(CASES, 1, 7, false, now, Duration.ofDays(365)));
		assertThat(r.firstTrackingNo()).isEqualTo(trackingNext);

		// casework's own rows
		assertThat(count("select count(*) from cases where " + generated("id"))).isEqualTo(CASES);
		long openCases = count("select count(*) from cases where status <> 'CLOSED' and " + generated("id"));
		assertThat(openCases).isEqualTo(r.open()).isPositive();
		assertThat(r.statuses().get("CLOSED")).isGreaterThan(CASES * 8L / 10);
		// every case's timeline starts with SUBMIT; closed ones end with the closing action at closed_at
		assertThat(count("""
				select count(*) from cases c where %s and (select t.action from case_timeline t where t.case_id = c.id
				  order by t.id limit 1) <> 'SUBMIT'""".formatted(generated("c.id")))).isZero();
		assertThat(count("""
				select count(*) from cases c join asm_case_fact f on f.case_id = c.id where %s and c.status = 'CLOSED'
				  and (f.closed_at is distinct from (select max(t.at) from case_timeline t where t.case_id = c.id
				       and t.action in ('CLOSE', 'REJECT')) or f.outcome is distinct from c.outcome)"""
			.formatted(generated("c.id")))).isZero();
		// the open-work columns (V63, ADR 0033) as the application writes them: an open case names the units of
		// its tasks, a closed one none; an open task of a case in progress carries the case's type
		assertThat(count("select count(*) from cases where task_org_ids is null and " + generated("id"))).isZero();
		assertThat(count("""
				select count(*) from cases c where %s and c.task_org_ids is distinct from (case when c.status = 'CLOSED'
				  then '{}'::bigint[] else coalesce((select array_agg(distinct t.org_id order by t.org_id) from case_task t
				  where t.case_id = c.id), '{}') end)""".formatted(generated("c.id")))).isZero();
		assertThat(count("""
				select count(*) from case_task t join cases c on c.id = t.case_id where %s and t.work_case_type is distinct
				  from (case when c.status = 'IN_PROGRESS' and c.round = t.round then c.type else '' end)"""
			.formatted(generated("c.id")))).isZero();
		assertThat(count("select count(*) from case_task t join cases c on c.id = t.case_id where (t.case_status is distinct"
				+ " from c.status or t.case_created_at is distinct from c.created_at) and " + generated("c.id"))).isZero();
		assertThat(count("select count(*) from case_task t join cases c on c.id = t.case_id where t.work_case_type <> ''"
				+ " and t.status in ('DISPATCHED', 'SIGNED', 'ARRIVED') and " + generated("c.id"))).isPositive();
		// the clock watches exactly the steps of open cases, and nothing of a closed one
		assertThat(count("select count(*) from clock_deadline d join cases c on c.id = d.case_id where d.next_at is not null"
				+ " and c.status = 'CLOSED' and " + generated("c.id"))).isZero();
		assertThat(count("select count(*) from clock_deadline d join cases c on c.id = d.case_id where d.next_at is not null"
				+ " and c.status <> 'CLOSED' and " + generated("c.id"))).isPositive();
		// some returns, extensions, reworks and missed deadlines, as in a real year
		assertThat(count("select count(*) from asm_request_fact where kind = 'RETURN' and " + generated("case_id"))).isPositive();
		assertThat(count("select count(*) from asm_request_fact where kind = 'EXTENSION' and " + generated("case_id"))).isPositive();
		assertThat(count("select count(*) from cases where round > 1 and " + generated("id"))).isPositive();
		assertThat(count("select count(*) from asm_deadline_miss where " + generated("case_id"))).isPositive();

		// the screen: open cases and this month's submissions grew by what was generated
		JsonNode after = ok(as("dispatcher").get("/api/v1/screen/data")).body();
		assertThat(after.path("open").path("total").asLong() - before.path("open").path("total").asLong()).isEqualTo(openCases);
		YearMonth month = YearMonth.from(now.atZone(clock.getZone()));
		long thisMonth = count("select count(*) from cases where created_at >= '" + month.atDay(1).atStartOfDay(clock.getZone())
				.toInstant() + "' and " + generated("id"));
		assertThat(after.path("month").path("submitted").asLong() - before.path("month").path("submitted").asLong())
			.isEqualTo(thisMonth);

		// the monthly assessment of a generated month, unit by unit, against casework's own rows
		YearMonth past = month.minusMonths(2);
		ZoneId zone = clock.getZone();
		String from = past.atDay(1).atStartOfDay(zone).toInstant().toString();
		String to = past.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toString();
		Map<Long, Long> received = perOrg("select org_id, count(*) from case_task where dispatched_at >= '" + from
				+ "' and dispatched_at < '" + to + "' group by org_id");
		Map<Long, Long> satisfied = perOrg("""
				select t.org_id, count(*) from case_evaluation e join case_task t on t.case_id = e.case_id and t.round = e.round
				  and t.role = 'LEAD' and t.status <> 'RETURNED'
				where e.rating = 'SATISFIED' and e.at >= '%s' and e.at < '%s' group by t.org_id""".formatted(from, to));
		Map<Long, Long> overdue = perOrg("select actor_org_id, count(*) from case_timeline where action = 'OVERDUE' and at >= '"
				+ from + "' and at < '" + to + "' group by actor_org_id");
		JsonNode results = ok(as("dispatcher").get("/api/v1/assessment/months/" + past)).body();
		int departments = 0;
		for (JsonNode u : results.path("departments")) {
			long org = u.path("orgId").asLong();
			JsonNode m = u.path("measures");
			assertThat(m.path("received").asLong()).as("received of " + org).isEqualTo(received.getOrDefault(org, 0L));
			assertThat(m.path("satisfied").asLong()).as("satisfied of " + org).isEqualTo(satisfied.getOrDefault(org, 0L));
			assertThat(m.path("overdue").asLong()).as("overdue of " + org).isEqualTo(overdue.getOrDefault(org, 0L));
			departments += m.path("received").asLong() > 0 ? 1 : 0;
		}
		assertThat(departments).as("departments with tasks in " + past).isGreaterThan(3);

		// a reworked, resolved case opens with its whole timeline, in the API and in the console
		UUID reworked = jdbc.sql("select id from cases where round > 1 and outcome = 'RESOLVED' and " + generated("id")
				+ " order by created_at limit 1").query(UUID.class).single();
		JsonNode page = ok(as("dispatcher").get("/api/v1/cases/" + reworked)).body();
		assertThat(page.path("status").asString()).isEqualTo("CLOSED");
		JsonNode timeline = ok(as("dispatcher").get("/api/v1/cases/" + reworked + "/timeline")).body();
		List<String> actions = new java.util.ArrayList<>();
		timeline.forEach(e -> actions.add(e.path("action").asString()));
		assertThat(actions).startsWith("SUBMIT").contains("DISPATCH", "SIGN", "COMPLETE", "REWORK").endsWith("CLOSE");
		WebSession.Page console = WebSession.signIn(port, "dispatcher").get("/console/cases/" + reworked);
		assertThat(console.status()).isEqualTo(200);
		assertThat(console.body()).contains(page.path("trackingNo").asString());

		// an open task of a department is on that department's work list
		Map<String, Object> task = jdbc.sql("""
				select t.case_id, t.status, o.code from case_task t join cases c on c.id = t.case_id and c.round = t.round
				join org_unit o on o.id = t.org_id
				where t.status in ('DISPATCHED', 'SIGNED', 'ARRIVED') and o.kind = 'DEPARTMENT' and c.status = 'IN_PROGRESS'
				  and %s order by t.dispatched_at limit 1""".formatted(generated("c.id"))).query().singleRow();
		String queue = switch ((String) task.get("status")) {
			case "DISPATCHED" -> "TO_SIGN";
			case "SIGNED" -> "TO_ARRIVE";
			default -> "TO_COMPLETE";
		};
		WebSession dept = WebSession.signIn(port, "dept-" + task.get("code"));
		String tracking = jdbc.sql("select tracking_no from cases where id = ?").param(task.get("case_id")).query(String.class).single();
		assertThat(dept.get("/console/work?queue=" + queue).body()).contains(tracking);
	}

	private String generated(String idColumn) {
		return idColumn + " in (select id from cases where split_part(tracking_no, '-', 2) >= '" + trackingFrom
				+ "' and length(split_part(tracking_no, '-', 2)) = " + trackingFrom.length() + ")";
	}

	private long count(String sql) {
		return jdbc.sql(sql).query(Long.class).single();
	}

	private Map<Long, Long> perOrg(String sql) {
		Map<Long, Long> m = new HashMap<>();
		jdbc.sql(sql).query(rs -> {
			m.put(rs.getLong(1), rs.getLong(2));
		});
		return m;
	}

	@AfterEach
	void removeGenerated() {
		if (trackingFrom == null) {
			return;
		}
		String ids = "(select id from cases where split_part(tracking_no, '-', 2) >= '" + trackingFrom
				+ "' and length(split_part(tracking_no, '-', 2)) = " + trackingFrom.length() + ")";
		for (String t : List.of("case_timeline", "case_evaluation", "case_task", "clock_deadline", "supervision",
				"asm_case_fact", "asm_task_fact", "asm_judgement", "asm_request_fact", "asm_deadline_miss",
				"asm_supervision_fact", "ins_open_case", "ins_step_state", "triage_case", "grid_case")) {
			jdbc.sql("delete from " + t + " where case_id in " + ids).update();
		}
		jdbc.sql("delete from cases where id in " + ids).update();
		jdbc.sql("delete from triage_history where id > ?").param(historyBefore).update();
		ctx.getBean(org.sudi.assessment.internal.AssessmentService.class).factsChanged();
		if (snapshot) {
			for (String t : ROLLUPS) {
				jdbc.sql("delete from " + t).update();
				jdbc.sql("insert into " + t + " select * from datagen_snapshot_" + t).update();
				jdbc.sql("drop table datagen_snapshot_" + t).update();
			}
		}
	}
}
