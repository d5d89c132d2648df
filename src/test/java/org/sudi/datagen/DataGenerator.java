package org.sudi.datagen;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fills the database of a running application context with N generated cases over the year before
 * now (see {@link CaseGenerator}), through COPY on parallel connections. With {@code dropIndexes} the
 * secondary indexes of the filled tables are dropped first and built again at the end (the fast way
 * for millions of rows into an otherwise idle database); constraints stay.
 */
public final class DataGenerator {

	private static final Logger log = LoggerFactory.getLogger(DataGenerator.class);

	/** Tables whose foreign keys refer to rows another COPY of the same run writes (checked by construction). */
	private static final List<Table> CHILD_TABLES = List.of(Table.CASE_TASK, Table.CASE_EVALUATION, Table.CASE_TIMELINE);

	/**
	 * The assessment's fact tables load with their day-counter triggers off too (ADR 0025: a trigger per row
	 * would slow the COPY, and a case and its judgements, on two connections, cannot see each other); the
	 * counters are rebuilt from all facts after the load.
	 */
	private static final List<Table> ASSESSMENT_FACTS = List.of(Table.ASM_CASE_FACT, Table.ASM_TASK_FACT,
			Table.ASM_JUDGEMENT, Table.ASM_REQUEST_FACT, Table.ASM_DEADLINE_MISS, Table.ASM_SUPERVISION_FACT);

	/**
	 * @param skipped tables left empty (their rows are produced and dropped): for a scale run on a disk
	 *        too small for every copy of the texts, e.g. triage's; reads of other modules do not touch them
	 */
	public record Options(long cases, int threads, long seed, boolean dropIndexes, Instant now, Duration span,
			java.util.Set<Table> skipped) {

		public Options(long cases, int threads, long seed, boolean dropIndexes, Instant now, Duration span) {
			this(cases, threads, seed, dropIndexes, now, span, java.util.Set.of());
		}

		public static Options of(long cases) {
			return new Options(cases, 1, 42, false, null, Duration.ofDays(365));
		}
	}

	public record Report(long firstTrackingNo, long cases, long open, Map<String, Long> statuses, Map<String, Long> rows,
			double seconds, double generatorCpuSeconds, double serverCpuSeconds, double indexSeconds, Instant from, Instant to) {
	}

	private final ApplicationContext ctx;
	private final DataSource dataSource;
	private final JdbcClient jdbc;

	private final String url;
	private final String user;
	private final String password;

	public DataGenerator(ApplicationContext ctx) throws java.sql.SQLException {
		this.ctx = ctx;
		this.dataSource = ctx.getBean(DataSource.class);
		this.jdbc = JdbcClient.create(dataSource);
		try (Connection c = dataSource.getConnection()) {
			url = c.getMetaData().getURL();
			user = c.getMetaData().getUserName();
		}
		password = ctx.getEnvironment().getProperty("spring.datasource.password", "");
	}

	private Connection open() throws java.sql.SQLException {
		return java.sql.DriverManager.getConnection(url, user, password);
	}

	public Report generate(Options o) throws Exception {
		long started = System.nanoTime();
		Texts texts = Texts.load(Texts.defaultDir());
		World world = new World(ctx, texts, o.seed());
		Instant now = o.now() != null ? o.now() : world.clock.instant();
		Instant start = now.minus(o.span());
		long n = o.cases();
		long firstTracking = jdbc.sql("select nextval('case_tracking_seq')").query(Long.class).single();
		jdbc.sql("select setval('case_tracking_seq', ?)").param(firstTracking + n).query(Long.class).single();
		long supervisionBase = jdbc.sql("select nextval(pg_get_serial_sequence('supervision', 'id'))").query(Long.class).single();
		jdbc.sql("select setval(pg_get_serial_sequence('supervision', 'id'), ?)").param(supervisionBase + 16 * n + 16)
			.query(Long.class).single();
		AtomicLong supervisionIds = new AtomicLong(supervisionBase);

		List<String> indexes = o.dropIndexes() ? dropIndexes() : List.of();

		int threads = Math.max(1, o.threads());
		java.util.concurrent.atomic.DoubleAdder serverCpu = new java.util.concurrent.atomic.DoubleAdder();
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		List<Future<Object[]>> parts = new ArrayList<>();
		for (int k = 0; k < threads; k++) {
			int part = k;
			parts.add(pool.submit(() -> {
				Totals totals = new Totals();
				try (CopySink sink = new CopySink(this::open,
						java.util.stream.Stream.concat(CHILD_TABLES.stream(), ASSESSMENT_FACTS.stream()).toList(), o.skipped())) {
					CaseGenerator g = new CaseGenerator(world, sink, totals, start, now, firstTracking, n,
							supervisionIds::incrementAndGet);
					long t0 = System.nanoTime();
					for (long i = part; i < n; i += threads) {
						g.generate(i, o.seed());
						if (part == 0 && i > 0 && i % 100_000 < threads) {
							double s = (System.nanoTime() - t0) / 1e9;
							log.info("Generated {} of {} cases in {} s ({} cases/s)", i, n, Math.round(s), Math.round(i / s));
						}
					}
					sink.finish();
					serverCpu.add(sink.serverCpuSeconds());
					Map<Table, Long> rows = new EnumMap<>(Table.class);
					for (Table t : Table.values()) {
						rows.put(t, sink.count(t));
					}
					return new Object[] { totals, rows };
				}
			}));
		}
		Totals totals = new Totals();
		Map<String, Long> rows = new java.util.TreeMap<>();
		try {
			for (Future<Object[]> f : parts) {
				Object[] r = f.get();
				totals.merge((Totals) r[0]);
				@SuppressWarnings("unchecked")
				Map<Table, Long> counts = (Map<Table, Long>) r[1];
				counts.forEach((t, c) -> rows.merge(t.table, c, Long::sum));
			}
		}
		finally {
			pool.shutdownNow();
		}
		totals.write(this::open);
		double generated = (System.nanoTime() - started) / 1e9;
		double generatorCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
		log.info("Generated {} cases in {} s wall; CPU: generator {} s, PostgreSQL COPY backends {} s", n,
				Math.round(generated), Math.round(generatorCpu), Math.round(serverCpu.sum()));
		long counted = System.nanoTime();
		long counters = jdbc.sql("select asm_day_counts_rebuild()").query(Long.class).single();
		log.info("Assessment day counters rebuilt from all facts: {} rows in {} s", counters,
				Math.round((System.nanoTime() - counted) / 1e9));
		long indexStarted = System.nanoTime();
		if (!indexes.isEmpty()) {
			createIndexes(indexes);
		}
		for (Table t : Table.values()) {
			// after a bulk load also vacuum, as autovacuum would soon: index-only scans need the visibility map
			jdbc.sql((o.dropIndexes() ? "vacuum analyze " : "analyze ") + t.table).update();
		}
		double indexSeconds = (System.nanoTime() - indexStarted) / 1e9;
		// written around FactRecorder: the assessment's shared live results must not outlive them
		ctx.getBean(org.sudi.assessment.internal.AssessmentService.class).factsChanged();
		return new Report(firstTracking, n, totals.open, totals.statuses, rows, generated, generatorCpu, serverCpu.sum(),
				indexSeconds, start, now);
	}

	/** Drops the secondary indexes (not those behind a constraint) of the filled tables; returns their definitions. */
	private List<String> dropIndexes() {
		List<String> defs = new ArrayList<>();
		for (Table t : Table.values()) {
			List<String[]> found = jdbc.sql("""
					select i.indexname, i.indexdef from pg_indexes i
					where i.schemaname = current_schema() and i.tablename = ?
					  and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)""")
				.param(t.table)
				.query((rs, k) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
			for (String[] f : found) {
				jdbc.sql("drop index " + f[0]).update();
				defs.add(f[1]);
			}
		}
		log.info("Dropped {} secondary indexes for the load", defs.size());
		return defs;
	}

	/** Builds the indexes again, two at a time (each on its own connection). */
	private void createIndexes(List<String> defs) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<?>> done = new ArrayList<>();
		for (String def : defs) {
			done.add(pool.submit(() -> {
				try (Connection c = open(); Statement st = c.createStatement()) {
					st.execute("set maintenance_work_mem = '512MB'");
					long t0 = System.nanoTime();
					st.execute(def);
					log.info("{} in {} s", def, Math.round((System.nanoTime() - t0) / 1e9));
				}
				return null;
			}));
		}
		try {
			for (Future<?> f : done) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}
}
