package org.sudi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.casework.CaseType;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Submission;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;

/** Whole-application starts: the administrator rule of a production start, and data kept across restarts. */
class StartupTests {

	@Test
	@DisplayName("a production start without an administrator refuses to start and says how to create one")
	void productionNeedsAnAdministrator(@TempDir Path dir) {
		assertThatThrownBy(() -> start(dir, "--sudi.demo.enabled=false", "--sudi.embedded-db.ephemeral=true").close())
			.hasStackTraceContaining("SUDI_ADMIN_USERNAME")
			.hasStackTraceContaining("No administrator account exists");
	}

	@Test
	@DisplayName("SUDI_ADMIN_USERNAME and SUDI_ADMIN_PASSWORD create the first administrator, and no demo data")
	void firstAdministratorFromEnvironment(@TempDir Path dir) {
		try (ConfigurableApplicationContext app = start(dir, "--sudi.demo.enabled=false",
				"--sudi.embedded-db.ephemeral=true", "--SUDI_ADMIN_USERNAME=chief", "--SUDI_ADMIN_PASSWORD=a-long-secret-1")) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(*) from account a join account_role r on r.account_id = a.id "
					+ "where a.username = 'chief' and r.role = 'ADMIN'").query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from account").query(Long.class).single()).isEqualTo(1);
			assertThat(jdbc.sql("select password_hash from account").query(String.class).single())
				.startsWith("{bcrypt}").doesNotContain("a-long-secret-1");
		}
	}

	@Test
	@DisplayName("the embedded database keeps its data under the data directory across restarts")
	void restartKeepsData(@TempDir Path dir) {
		String tracking;
		try (ConfigurableApplicationContext app = start(dir)) {
			Actor hotline = new Actor("hotline", "热线", null, Set.of(Role.HOTLINE));
			tracking = app.getBean(CaseService.class)
				.submit(hotline, new Submission(CaseType.DEVELOPMENT, "用地手续", "咨询用地手续", null, null, null, null,
						null, null))
				.trackingNo();
		}
		assertThat(Files.isDirectory(dir.resolve("pg"))).isTrue();
		try (ConfigurableApplicationContext app = start(dir)) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select count(*) from cases where tracking_no = ?").param(tracking).query(Long.class)
				.single()).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from org_unit where code = 'yicheng'").query(Long.class).single())
				.isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(Path dataDir, String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--sudi.data-dir=" + dataDir;
		all[1] = "--server.port=0";
		all[2] = "--spring.datasource.url=";
		System.arraycopy(args, 0, all, 3, args.length);
		return new SpringApplicationBuilder(SudiApplication.class).run(all);
	}
}
