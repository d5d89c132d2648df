package org.sudi.datagen;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;

import static org.sudi.datagen.RequestTimings.measure;
import static org.sudi.datagen.RequestTimings.report;

/**
 * docs/benchmarks.md, "Reads at 1 and 10 million cases": the command-centre screen, the monthly
 * assessment, a department's work list and a case page (API and console), each timed one request at a
 * time with a trivial signed-in endpoint ({@code GET /api/v1/me}) as the baseline in the same run, on a
 * database filled by {@code bin/generate-cases}. Off unless {@code sudi.benchmark.reads} is set:
 *
 * <pre>
 * SUDI_TEST_DB_URL=jdbc:postgresql://127.0.0.1:5432/sudi_scale_1m \
 *   ./mvnw -o -B test -Dtest=ReadBenchmarkTests -Dsudi.benchmark.reads=300
 * </pre>
 *
 * Every read is first called {@code sudi.benchmark.warmup} times (default 100), in turn. The triage
 * model's periodic rebuild is pushed out of the run (it would read every resolved case's text:
 * see the document).
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "sudi.benchmark.reads", matches = "\\d+")
@TestPropertySource(properties = "sudi.triage.rebuild-interval=1000d")
class ReadBenchmarkTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("screen, assessment, work list and case page p50/p95 against a baseline")
	void reads() {
		int n = Integer.parseInt(System.getProperty("sudi.benchmark.reads"));
		long cases = jdbc.sql("select count(*) from cases").query(Long.class).single();
		long open = jdbc.sql("select count(*) from ins_open_case").query(Long.class).single();
		System.out.printf("BENCHMARK data: %,d cases, %,d open, %,d tasks, %,d timeline rows; load average %s%n", cases, open,
				jdbc.sql("select count(*) from case_task").query(Long.class).single(),
				jdbc.sql("select count(*) from case_timeline").query(Long.class).single(), GenerateCases.loadAverage());

		// the department with the most open tasks, one of its open cases, and a long closed case
		Map<String, Object> dept = jdbc.sql("""
				select o.code, o.id, count(*) open_tasks from case_task t join org_unit o on o.id = t.org_id
				where t.status in ('DISPATCHED', 'SIGNED', 'ARRIVED') and o.kind = 'DEPARTMENT'
				group by o.code, o.id order by 3 desc limit 1""").query().singleRow();
		String deptUser = "dept-" + dept.get("code");
		UUID openCase = jdbc.sql("""
				select t.case_id from case_task t where t.org_id = ? and t.status = 'SIGNED' order by t.dispatched_at desc limit 1""")
			.param(dept.get("id")).query(UUID.class).single();
		UUID closedCase = jdbc.sql("""
				select id from cases where status = 'CLOSED' and round > 1 and created_at > now() - interval '60 days'
				order by created_at limit 1""").query(UUID.class).single();
		System.out.printf("BENCHMARK work list of %s (%s open tasks); case pages %s (open), %s (reworked, closed)%n", deptUser,
				dept.get("open_tasks"), openCase, closedCase);

		var dispatcher = as("dispatcher");
		var department = as(deptUser);
		WebSession deptConsole = WebSession.signIn(port, deptUser);
		WebSession dispatcherConsole = WebSession.signIn(port, "dispatcher");
		YearMonth month = YearMonth.now(java.time.ZoneId.of("Asia/Shanghai"));
		LocalDate first = month.atDay(1);
		LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

		long t0 = System.nanoTime();
		dispatcher.get("/api/v1/screen/data");
		System.out.printf("BENCHMARK first screen call (ranking computed, cold caches) %.1f ms%n", (System.nanoTime() - t0) / 1e6);

		// Warm-up: every read in turn (the JIT compiles the shared paths before any is timed; the first timed
		// reads were otherwise slower than the last by the compilation), then 20 calls before each measurement.
		List<java.util.function.IntSupplier> reads = List.of(() -> dispatcher.get("/api/v1/me").status(),
				() -> dispatcher.get("/api/v1/screen/data").status(),
				() -> dispatcher.get("/api/v1/assessment/months/" + month).status(),
				() -> department.get("/api/v1/cases?open=true").status(),
				() -> deptConsole.get("/console/work?queue=TO_COMPLETE").status(),
				() -> department.get("/api/v1/cases/" + openCase).status(),
				() -> department.get("/api/v1/cases/" + openCase + "/timeline").status(),
				() -> deptConsole.get("/console/cases/" + openCase).status(),
				() -> dispatcherConsole.get("/console/cases/" + closedCase).status());
		for (int i = 0; i < Integer.getInteger("sudi.benchmark.warmup", 100); i++) {
			reads.forEach(java.util.function.IntSupplier::getAsInt);
		}

		List<String> lines = new ArrayList<>();
		lines.add(report("baseline GET /api/v1/me", measure(() -> dispatcher.get("/api/v1/me").status(), n), null));
		List<Double> base = measure(() -> dispatcher.get("/api/v1/me").status(), n);
		lines.add(report("screen GET /api/v1/screen/data", measure(() -> dispatcher.get("/api/v1/screen/data").status(), n), base));
		lines.add(report("assessment GET /months/{this month} (live)", measure(
				() -> dispatcher.get("/api/v1/assessment/months/" + month).status(), Math.max(10, n / 10)), base));
		lines.add(report("assessment, computed: /measures month-to-date", measure(
				() -> dispatcher.get("/api/v1/assessment/measures?from=" + first + "&to=" + today).status(), Math.max(10, n / 10)),
				base));
		lines.add(report("assessment, computed: /months/{last month}", measure(
				() -> dispatcher.get("/api/v1/assessment/measures?from=" + month.minusMonths(1).atDay(1) + "&to="
						+ month.minusMonths(1).atEndOfMonth()).status(), Math.max(10, n / 10)), base));
		lines.add(report("work list API /cases?open=true (dept)", measure(
				() -> department.get("/api/v1/cases?open=true").status(), n), base));
		lines.add(report("work list console /console/work (dept)", measure(
				() -> deptConsole.get("/console/work?queue=TO_COMPLETE").status(), n), base));
		lines.add(report("case page API /cases/{id} (open)", measure(() -> department.get("/api/v1/cases/" + openCase).status(), n),
				base));
		lines.add(report("case timeline API (open)", measure(
				() -> department.get("/api/v1/cases/" + openCase + "/timeline").status(), n), base));
		lines.add(report("case page console (dept, open)", measure(
				() -> deptConsole.get("/console/cases/" + openCase).status(), n), base));
		lines.add(report("case page console (dispatcher, closed)", measure(
				() -> dispatcherConsole.get("/console/cases/" + closedCase).status(), n), base));
		lines.add(report("baseline again GET /api/v1/me", measure(() -> dispatcher.get("/api/v1/me").status(), n), base));
		lines.forEach(System.out::println);
		System.out.printf("BENCHMARK load average after: %s%n", GenerateCases.loadAverage());
	}
}
