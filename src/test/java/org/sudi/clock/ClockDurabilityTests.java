package org.sudi.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.MutableClock;
import org.sudi.SudiApplication;
import org.sudi.casework.CaseType;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Submission;
import org.sudi.clock.internal.DeadlineSweeper;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;

/** Deadlines live in the database: they fire after a restart, and once with two nodes on one database. */
class ClockDurabilityTests {

	static final Actor HOTLINE = new Actor("hotline", "热线", null, Set.of(Role.HOTLINE));

	@Test
	@DisplayName("after a restart of the application the pending deadlines still fire")
	void restart(@TempDir Path dir) {
		Instant start = Instant.parse("2026-11-03T01:00:00Z"); // Tue 09:00 in Shanghai
		try (ConfigurableApplicationContext first = start(dir, "--sudi.embedded-db.ephemeral=false")) {
			first.getBean(MutableClock.class).set(start);
			dispatchedCase(first);
		}
		try (ConfigurableApplicationContext second = start(dir, "--sudi.embedded-db.ephemeral=false")) {
			second.getBean(MutableClock.class).set(start.plus(Duration.ofHours(5)));
			second.getBean(DeadlineSweeper.class).sweep();
			assertThat(supervisions(second)).isEqualTo(1);
		}
	}

	@Test
	@DisplayName("two nodes sweeping one database at the same time fire each deadline once")
	void twoNodes(@TempDir Path dir) throws Exception {
		Instant start = Instant.parse("2026-11-03T01:00:00Z");
		try (ConfigurableApplicationContext a = start(dir, "--sudi.embedded-db.ephemeral=true")) {
			String url = ((HikariDataSource) a.getBean("dataSource")).getJdbcUrl();
			try (ConfigurableApplicationContext b = start(dir, "--spring.datasource.url=" + url,
					"--spring.datasource.username=postgres", "--sudi.demo.enabled=false")) {
				MutableClock clockA = a.getBean(MutableClock.class);
				MutableClock clockB = b.getBean(MutableClock.class);
				clockA.set(start);
				clockB.set(start);
				int cases = 20;
				for (int i = 0; i < cases; i++) {
					dispatchedCase(i % 2 == 0 ? a : b);
				}
				clockA.set(start.plus(Duration.ofHours(5)));
				clockB.set(start.plus(Duration.ofHours(5)));
				ExecutorService pool = Executors.newFixedThreadPool(4);
				CountDownLatch go = new CountDownLatch(1);
				List<Future<Integer>> runs = new ArrayList<>();
				for (ConfigurableApplicationContext node : List.of(a, b, a, b)) {
					DeadlineSweeper sweeper = node.getBean(DeadlineSweeper.class);
					runs.add(pool.submit(() -> {
						go.await();
						return sweeper.sweep();
					}));
				}
				go.countDown();
				int fired = 0;
				for (Future<Integer> run : runs) {
					fired += run.get();
				}
				pool.shutdown();
				// Each case's sign step warned once and went overdue once: two firings each, one supervision each.
				assertThat(fired).isEqualTo(cases * 2);
				assertThat(supervisions(a)).isEqualTo(cases);
				assertThat(a.getBean(JdbcClient.class)
					.sql("select count(*) from notification_inbox where kind = 'OVERDUE' and username = 'dispatcher'")
					.query(Long.class).single()).isEqualTo(cases);
			}
		}
	}

	private static void dispatchedCase(ConfigurableApplicationContext app) {
		CaseService cases = app.getBean(CaseService.class);
		OrgUnits orgs = app.getBean(OrgUnits.class);
		long center = orgs.findByCode("center").orElseThrow().id();
		Actor dispatcher = new Actor("dispatcher", "调度", center, Set.of(Role.DISPATCHER));
		UUID id = cases.submit(HOTLINE, new Submission(CaseType.DEVELOPMENT, "融资对接", "希望对接银行贷款", null, null, null,
				null, null, null)).id();
		cases.dispatch(dispatcher, id, orgs.findByCode("shenpi").orElseThrow().id(), List.of(), null, null);
	}

	private static long supervisions(ConfigurableApplicationContext app) {
		return app.getBean(JdbcClient.class).sql("select count(*) from supervision where automatic").query(Long.class)
			.single();
	}

	private static ConfigurableApplicationContext start(Path dataDir, String... args) {
		List<String> all = new ArrayList<>(List.of("--sudi.data-dir=" + dataDir, "--server.port=0",
				"--sudi.clock.sweep-interval=1h", "--sudi.notification.delivery-interval=1h"));
		all.addAll(List.of(args));
		if (all.stream().noneMatch(arg -> arg.startsWith("--spring.datasource.url="))) {
			all.add("--spring.datasource.url="); // the embedded database, whatever the environment says
		}
		return new SpringApplicationBuilder(SudiApplication.class, MutableClock.Config.class)
			.run(all.toArray(String[]::new));
	}
}
