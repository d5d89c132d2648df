package org.sudi.datagen;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.sudi.SudiApplication;

/**
 * {@code bin/generate-cases N [--url jdbc:postgresql://host/db] [--user postgres] [--threads 2] [--seed 42]
 * [--keep-indexes] [--skip table,table] [--days 365]}: starts the application (on a free port, without scheduler) on the database (Flyway
 * migrates it; the demo district is seeded when missing), fills it with N cases over the past year (or --days) and
 * prints what it wrote. Without --url it uses SUDI_DB_URL, else the embedded database of ./data.
 */
public final class GenerateCases {

	private GenerateCases() {
	}

	static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException e) {
			return "?";
		}
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0 || !args[0].matches("\\d+")) {
			System.err.println("usage: bin/generate-cases N [--url jdbc:postgresql://...] [--user U] [--threads T] [--seed S] [--keep-indexes] [--skip table,table] [--days D]");
			System.exit(2);
		}
		long n = Long.parseLong(args[0]);
		Map<String, Object> props = new HashMap<>();
		props.put("db-scheduler.enabled", "false");
		props.put("sudi.demo.enabled", "true");
		props.put("spring.main.banner-mode", "off");
		props.put("server.port", "0"); // the web layer is needed by the security chains; a free port, unused
		int threads = 2;
		long seed = 42;
		boolean keepIndexes = n < 100_000;
		java.util.Set<Table> skipped = java.util.EnumSet.noneOf(Table.class);
		Duration span = Duration.ofDays(365);
		for (int i = 1; i < args.length; i++) {
			switch (args[i]) {
				case "--url" -> props.put("spring.datasource.url", args[++i]);
				case "--user" -> props.put("spring.datasource.username", args[++i]);
				case "--threads" -> threads = Integer.parseInt(args[++i]);
				case "--seed" -> seed = Long.parseLong(args[++i]);
				case "--keep-indexes" -> keepIndexes = true;
				case "--skip" -> {
					for (String name : args[++i].split(",")) {
						skipped.add(java.util.Arrays.stream(Table.values()).filter(t -> t.table.equals(name)).findFirst()
							.orElseThrow(() -> new IllegalArgumentException("no generated table " + name)));
					}
				}
				// the span the cases are spread over, ending now: N cases over N / 27,400 days give a unit the open
				// work of a 10 M year (the cases still open are the last weeks') on a smaller database
				case "--days" -> span = Duration.ofMinutes(Math.round(Double.parseDouble(args[++i]) * 24 * 60));
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (props.containsKey("spring.datasource.url") && !props.containsKey("spring.datasource.username")) {
			props.put("spring.datasource.username", "postgres");
		}
		try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(SudiApplication.class)
			.run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new))) {
			DataGenerator.Report r = new DataGenerator(ctx)
				.generate(new DataGenerator.Options(n, threads, seed, !keepIndexes, null, span, skipped));
			System.out.printf("GENERATED %,d cases (%s → %s) in %.1f s (%,.0f cases/s), indexes and analyze %.1f s%n",
					r.cases(), r.from(), r.to(), r.seconds(), r.cases() / r.seconds(), r.indexSeconds());
			System.out.printf("GENERATED CPU: generator %.0f s, PostgreSQL COPY backends %.0f s; load average at the end: %s%n",
					r.generatorCpuSeconds(), r.serverCpuSeconds(), loadAverage());
			System.out.printf("GENERATED open now: %,d; by status: %s%n", r.open(), r.statuses());
			System.out.printf("GENERATED rows: %s%n", r.rows());
		}
	}
}
