package org.sudi.insight;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;

/**
 * docs/benchmarks.md: how fast the screen's data loads when the rollups hold what N cases produce.
 * Off by default; run with
 * {@code ./mvnw -o -B test -Dtest=ScreenBenchmarkTests -Dsudi.benchmark.cases=1000000}.
 * Rows are generated directly with generate_series at the volume N cases spread over three years
 * would leave: per-day rollups (independent of N), 1 % of the cases still open, and the current
 * month's assessment facts (N / 36 cases, one task each, half of them evaluated).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "sudi.benchmark.cases", matches = "\\d+")
class ScreenBenchmarkTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("screen data p50/p95 with generated rollups")
	void screenData() {
		long cases = Long.parseLong(System.getProperty("sudi.benchmark.cases"));
		long t0 = System.nanoTime();
		generate(cases);
		double generateSeconds = (System.nanoTime() - t0) / 1e9;
		jdbc.sql("analyze").update();

		var dispatcher = as("dispatcher");
		long cold0 = System.nanoTime();
		dispatcher.get("/api/v1/screen/data");
		double coldMs = (System.nanoTime() - cold0) / 1e6;
		List<Double> screen = measure(() -> dispatcher.get("/api/v1/screen/data").status(), 300);
		List<Double> me = measure(() -> dispatcher.get("/api/v1/me").status(), 300);
		List<Double> ranking = measure(() -> dispatcher.get("/api/v1/assessment/months/" + java.time.YearMonth.now(ZoneId.of("Asia/Shanghai"))).status(), 10);
		System.out.printf("BENCHMARK cases=%d generate=%.1fs openRows=%d monthTasks=%d%n", cases, generateSeconds,
				jdbc.sql("select count(*) from ins_open_case").query(Long.class).single(),
				jdbc.sql("select count(*) from asm_task_fact").query(Long.class).single());
		System.out.printf("BENCHMARK screen/data first call (ranking computed) %.1f ms%n", coldMs);
		report("screen/data", screen);
		report("me (baseline)", me);
		report("assessment month (live, uncached)", ranking);
	}

	interface Call {
		int run();
	}

	private static List<Double> measure(Call call, int n) {
		for (int i = 0; i < Math.min(20, n); i++) {
			call.run();
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long t = System.nanoTime();
			int status = call.run();
			times.add((System.nanoTime() - t) / 1e6);
			if (status != 200) {
				throw new IllegalStateException("status " + status);
			}
		}
		Collections.sort(times);
		return times;
	}

	private static void report(String name, List<Double> sorted) {
		System.out.printf("BENCHMARK %-35s n=%d p50=%.2f ms p95=%.2f ms max=%.2f ms%n", name, sorted.size(),
				sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
				sorted.get(sorted.size() - 1));
	}

	private void generate(long cases) {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
		LocalDate from = today.minusDays(1094);
		long perDay = Math.max(1, cases / 1095);
		// per day × 3 types × 10 channels: the day's cases spread evenly
		jdbc.sql("""
				insert into ins_day_total(day, case_type, channel, submitted, closed, resolved, satisfied, basically,
				  unsatisfied, not_given, handling_seconds)
				select d::date, t, c, :n / 30, :n / 30, :n / 33, :n / 50, :n / 150, :n / 600, :n / 300, (:n / 33) * 86400 * 3
				from generate_series(:from::date, :to::date, interval '1 day') d,
				     unnest(array['LIVELIHOOD','ENFORCEMENT','DEVELOPMENT']) t,
				     unnest(array['WECHAT','H5','HOTLINE','GRID','POLICE_110','TOWN','DEPARTMENT','ENTERPRISE','OPEN311','PATROL']) c
				on conflict do nothing""")
			.param("n", perDay).param("from", from).param("to", today).update();
		jdbc.sql("""
				insert into ins_day_town(day, town_id, submitted, closed)
				select d::date, o.id, :n / 8, :n / 8 from generate_series(:from::date, :to::date, interval '1 day') d,
				  (select id from org_unit where kind = 'TOWN' union all select 0) o on conflict do nothing""")
			.param("n", perDay).param("from", from).param("to", today).update();
		jdbc.sql("""
				insert into ins_day_category(day, category_code, submitted)
				select d::date, c.code, greatest(1, :n / 137) from generate_series(:from::date, :to::date, interval '1 day') d,
				  category c on conflict do nothing""")
			.param("n", perDay).param("from", from).param("to", today).update();
		long open = cases / 100;
		jdbc.sql("""
				insert into ins_open_case(case_id, tracking_no, case_type, channel, town_id, category_code, urgency, status,
				  submitted_at, updated_at, last_action, unit_ids, warning_steps, overdue_steps)
				select gen_random_uuid(), 'B' || i, (array['LIVELIHOOD','ENFORCEMENT','DEVELOPMENT'])[1 + i % 3], 'H5',
				  (select id from org_unit where kind = 'TOWN' order by id offset (i % 7) limit 1), null, 'NORMAL',
				  (array['TOWN_REVIEW','DISTRICT_TRIAGE','IN_PROGRESS','IN_PROGRESS','PENDING_EVALUATION'])[1 + i % 5],
				  now() - (i % 30) * interval '1 day', now(), 'DISPATCH', '{}', (i % 10 = 0)::int, (i % 25 = 0)::int
				from generate_series(1, :open) i""")
			.param("open", open).update();
		// The current month's assessment facts: N / 36 cases with one task each.
		long month = cases / 36;
		jdbc.sql("""
				insert into asm_case_fact(case_id, case_type, town_id, submitted_at, lead_org_id, closed_at, outcome,
				  closed_lead_org_id, reworked)
				select md5('c' || i)::uuid, 'LIVELIHOOD', null, date_trunc('month', now()) + (i % 20) * interval '1 hour',
				  d.id, date_trunc('month', now()) + interval '1 day', 'RESOLVED', d.id, i % 10 = 0
				from generate_series(1, :m) i
				join lateral (select id from org_unit where kind in ('DEPARTMENT','TOWN') order by id offset (i % 19) limit 1) d on true""")
			.param("m", month).update();
		jdbc.sql("""
				insert into asm_task_fact(task_id, case_id, org_id, role, round, dispatched_at, sign_due, signed_at,
				  complete_due, completed_at)
				select md5('t' || c.case_id)::uuid, c.case_id, c.lead_org_id, 'LEAD', 1, c.submitted_at,
				  c.submitted_at + interval '2 hours', c.submitted_at + interval '1 hour',
				  c.submitted_at + interval '5 days', c.submitted_at + interval '1 day'
				from asm_case_fact c where c.submitted_at >= date_trunc('month', now())""").update();
		jdbc.sql("""
				insert into asm_judgement(case_id, round, lead_org_id, rating, judged_at)
				select case_id, 1, lead_org_id, (array['SATISFIED','BASICALLY_SATISFIED','UNSATISFIED','NOT_GIVEN'])[1 + abs(hashtext(case_id::text)) % 4],
				  closed_at from asm_case_fact where submitted_at >= date_trunc('month', now()) and abs(hashtext(case_id::text)) % 2 = 0
				on conflict do nothing""").update();
	}
}
