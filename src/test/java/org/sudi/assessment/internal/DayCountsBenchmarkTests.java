package org.sudi.assessment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.ApiTestSupport;

import static org.sudi.datagen.RequestTimings.measure;
import static org.sudi.datagen.RequestTimings.report;
import static org.sudi.datagen.RequestTimings.sorted;
import static org.sudi.datagen.RequestTimings.time;

/**
 * docs/benchmarks.md, "Assessment from per-day counters": the open month's results read right after a
 * fact change (what steady writes make every read pay), from the counters and from the fact queries
 * alternately in the same run, plus the computed last month, the SQL alone, the counter query's plan,
 * what the triggers add to a fact write, a fold and a rebuild. On a database filled by
 * {@code bin/generate-cases}; off unless {@code sudi.benchmark.assessment} is set:
 *
 * <pre>
 * SUDI_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/asm_200k \
 *   nice -n 15 ./mvnw -o -B test -Dtest=DayCountsBenchmarkTests -Dsudi.benchmark.assessment=100
 * </pre>
 *
 * A fact change here is a supervision fact inserted for a department (its trigger writes a delta) and
 * the shared live results marked stale, as FactRecorder does; the inserted rows are deleted at the end.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "sudi.benchmark.assessment", matches = "\\d+")
@TestPropertySource(properties = { "sudi.triage.rebuild-interval=1000d", "sudi.assessment.day-counts-fold-interval=10s" })
class DayCountsBenchmarkTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeasureQueries queries;

	@Autowired
	DayCounts dayCounts;

	@Autowired
	AssessmentService assessment;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Clock clock;

	long fakeSupervision = -1;

	@Test
	@DisplayName("the open month after a fact change: counters against fact queries in the same run")
	void monthAfterChange() {
		int n = Integer.parseInt(System.getProperty("sudi.benchmark.assessment"));
		ZoneId zone = clock.getZone();
		YearMonth month = YearMonth.now(clock);
		LocalDate first = month.atDay(1);
		var from = first.atStartOfDay(zone).toInstant();
		var to = first.plusMonths(1).atStartOfDay(zone).toInstant();
		System.out.printf("BENCHMARK data: %,d cases; facts: %,d tasks, %,d cases, %,d judgements, %,d requests, %,d misses,"
				+ " %,d supervisions; counters %,d rows, deltas %,d; load average %s%n", count("cases"), count("asm_task_fact"),
				count("asm_case_fact"), count("asm_judgement"), count("asm_request_fact"), count("asm_deadline_miss"),
				count("asm_supervision_fact"), count("asm_day_count"), count("asm_day_count_delta"), loadAverage());
		System.out.printf("BENCHMARK this month (%s): %,d task facts, %,d counter rows%n", month,
				jdbc.sql("select count(*) from asm_task_fact where dispatched_at >= ? and dispatched_at < ?")
					.params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to)).query(Long.class).single(),
				jdbc.sql("select count(*) from asm_day_count where day >= ? and day < ?")
					.params(java.sql.Date.valueOf(first), java.sql.Date.valueOf(first.plusMonths(1))).query(Long.class).single());
		long dept = jdbc.sql("select id from org_unit where kind = 'DEPARTMENT' order by id limit 1").query(Long.class).single();
		var dispatcher = as("dispatcher");
		String monthPath = "/api/v1/assessment/months/" + month;
		String lastMonthPath = "/api/v1/assessment/measures?from=" + month.minusMonths(1).atDay(1) + "&to="
				+ month.minusMonths(1).atEndOfMonth();
		try {
			List<String> lines = new ArrayList<>();
			lines.add(report("baseline GET /api/v1/me", measure(() -> dispatcher.get("/api/v1/me").status(), n), null));
			List<Double> base = measure(() -> dispatcher.get("/api/v1/me").status(), n);
			List<Double> changedCounts = new ArrayList<>(), changedFacts = new ArrayList<>();
			List<Double> lastCounts = new ArrayList<>(), lastFacts = new ArrayList<>();
			List<Double> sqlCounts = new ArrayList<>(), sqlFacts = new ArrayList<>();
			List<Double> serviceCounts = new ArrayList<>(), serviceFacts = new ArrayList<>();
			for (int i = -4; i < 2 * n; i++) {
				boolean counts = (i & 1) == 0;
				queries.useDayCounts(counts);
				change(dept);
				double t = time(() -> dispatcher.get(monthPath).status());
				double l = time(() -> dispatcher.get(lastMonthPath).status());
				double s = time(() -> queries.totals(from, to).measures().size() > 0 ? 200 : 500);
				change(dept);
				double m = time(() -> assessment.month(month).departments().size() > 0 ? 200 : 500);
				if (i >= 0) {
					(counts ? serviceCounts : serviceFacts).add(m);
					(counts ? changedCounts : changedFacts).add(t);
					(counts ? lastCounts : lastFacts).add(l);
					(counts ? sqlCounts : sqlFacts).add(s);
				}
			}
			queries.useDayCounts(true);
			lines.add(report("month after a change, counters", sorted(changedCounts), base));
			lines.add(report("month after a change, fact queries", sorted(changedFacts), base));
			lines.add(report("last month /measures, counters", sorted(lastCounts), base));
			lines.add(report("last month /measures, fact queries", sorted(lastFacts), base));
			lines.add(report("month totals SQL in-process, counters", sorted(sqlCounts), null));
			lines.add(report("month totals SQL in-process, fact queries", sorted(sqlFacts), null));
			lines.add(report("month after a change in-process, counters", sorted(serviceCounts), null));
			lines.add(report("month after a change in-process, fact queries", sorted(serviceFacts), null));
			lines.add(report("month unchanged (shared live results)", measure(() -> dispatcher.get(monthPath).status(), n), base));
			lines.add(report("baseline again GET /api/v1/me", measure(() -> dispatcher.get("/api/v1/me").status(), n), base));
			lines.forEach(System.out::println);
			System.out.printf("BENCHMARK deltas before fold: %,d rows%n", count("asm_day_count_delta"));
			long t0 = System.nanoTime();
			long folded = dayCounts.fold();
			System.out.printf("BENCHMARK fold: %,d counter rows in %.1f ms%n", folded, (System.nanoTime() - t0) / 1e6);

			System.out.println("BENCHMARK plan of the month's counter read:");
			explain("""
					select org_id, whistle_org_id, sum(received), sum(signed_on_time), sum(reviews), sum(reviews_on_time),
					  sum(completable), sum(completed_on_time), sum(closed), sum(resolved_first_time), sum(satisfied),
					  sum(basically_satisfied), sum(unsatisfied), sum(not_given), sum(judged), sum(reworks),
					  sum(return_requests), sum(returns_approved), sum(extension_requests), sum(extensions_approved),
					  sum(overdue), sum(supervisions), sum(accountability), sum(whistle_satisfied), sum(whistle_basically),
					  sum(whistle_unsatisfied)
					from (select * from asm_day_count where day >= '%1$s' and day < '%2$s'
					      union all select * from asm_day_count_delta where day >= '%1$s' and day < '%2$s') x
					group by org_id, whistle_org_id""".formatted(first, first.plusMonths(1)));
			triggerCost(from, to);
			t0 = System.nanoTime();
			long rows = dayCounts.rebuild();
			System.out.printf("BENCHMARK rebuild from all facts (the migration's backfill): %,d counter rows in %.1f s; load %s%n",
					rows, (System.nanoTime() - t0) / 1e9, loadAverage());
		}
		finally {
			queries.useDayCounts(true);
			jdbc.sql("delete from asm_supervision_fact where supervision_id < 0").update();
			assessment.factsChanged();
		}
	}

	/** A fact change: one supervision fact for the department now (its trigger writes a delta). */
	private void change(long dept) {
		transactions.executeWithoutResult(tx -> jdbc.sql("""
				insert into asm_supervision_fact(supervision_id, case_id, task_id, org_id, automatic, at)
				values (?, gen_random_uuid(), null, ?, true, now())""").params(fakeSupervision--, dept).update());
		assessment.factsChanged();
	}

	/** The same update of the month's task facts (signed an hour later) with and without the triggers, rolled back. */
	private void triggerCost(java.time.Instant from, java.time.Instant to) {
		for (int round = 0; round < 3; round++) {
			for (boolean triggers : new boolean[] { true, false }) {
				double[] ms = new double[1];
				long[] rows = new long[1];
				transactions.executeWithoutResult(tx -> {
					if (!triggers) {
						jdbc.sql("set local session_replication_role = replica").update();
					}
					long t = System.nanoTime();
					rows[0] = jdbc.sql("update asm_task_fact set signed_at = signed_at + interval '1 hour'"
							+ " where dispatched_at >= ? and dispatched_at < ? and signed_at is not null")
						.params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
						.update();
					ms[0] = (System.nanoTime() - t) / 1e6;
					tx.setRollbackOnly();
				});
				System.out.printf("BENCHMARK task facts signed an hour later, triggers %s: %,d rows in %.0f ms (%.1f µs/row)%n",
						triggers ? "on " : "off", rows[0], ms[0], rows[0] == 0 ? 0 : 1000 * ms[0] / rows[0]);
			}
		}
	}

	private void explain(String sql) {
		jdbc.sql("explain (analyze, buffers) " + sql).query(String.class).list().forEach(l -> System.out.println("  " + l));
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException e) {
			return "?";
		}
	}
}
