package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;


/**
 * What several nodes share through PostgreSQL (ADR 0024): the console's sessions. (No module listens
 * asynchronously — ADR 0023 — so there are no event deliveries a dead node could leave unfinished;
 * ModularityTests keeps it so.)
 */
class SharedNodeStateTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	private long storedSessionsOf(String username) {
		return jdbc.sql("select count(*) from spring_session where principal_name = ?").param(username)
			.query(Long.class).single();
	}

	@Test
	@DisplayName("a console sign-in is a session row in PostgreSQL, found by username, removed at sign-out")
	void consoleSessionLivesInTheDatabase() {
		long before = storedSessionsOf("leader");
		int indexedBefore = sessions.findByPrincipalName("leader").size();

		WebSession leader = WebSession.signIn(port, "leader");

		assertThat(storedSessionsOf("leader")).isEqualTo(before + 1);
		assertThat(sessions.findByPrincipalName("leader")).hasSize(indexedBefore + 1);
		assertThat(leader.get("/console").status()).isEqualTo(200);

		assertThat(leader.post("/logout", Map.of()).location()).endsWith("/login?logout");
		assertThat(storedSessionsOf("leader")).isEqualTo(before);
		assertThat(leader.get("/console").status()).isEqualTo(302);
	}
}
