package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.sudi.ApiTestSupport;
import org.sudi.console.WebSession;

import tools.jackson.databind.JsonNode;

/**
 * What several nodes share through PostgreSQL (ADR 0024): the console's sessions, and asynchronous
 * event deliveries a dead node left unfinished.
 */
class SharedNodeStateTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Autowired
	@Qualifier("eventResubmission")
	RecurringTask<Void> eventResubmission;

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

	@Test
	@DisplayName("an asynchronous delivery left incomplete by a dead node is run again by the resubmission task")
	void incompleteDeliveryIsResubmitted() {
		JsonNode grid = ok(as("citizen").get("/api/v1/grids?kind=BASIC&bbox=117.41,34.63,117.77,34.91")).body()
			.path("features").get(0);
		JsonNode point = grid.path("properties").path("labelPoint");
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "楼道灯不亮", "description",
				"楼道灯坏了一个月，晚上看不见路", "location",
				Map.of("lat", point.get(1).asDouble(), "lon", point.get(0).asDouble())));
		UUID caseId = UUID.fromString(submit("citizen", body).path("id").asString());
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gridCaseRows(caseId) > 0);
		long placements = gridCaseRows(caseId); // its basic grid and any special grids

		// What a SIGKILL after the commit leaves behind: the delivery recorded, its effect missing.
		jdbc.sql("delete from grid_case where case_id = ?").param(caseId).update();
		int reset = jdbc.sql("""
				update event_publication set completion_date = null, status = 'PUBLISHED',
				  publication_date = timestamptz '2000-01-01 00:00:00+00'
				where listener_id like '%GridCaseCounter%' and serialized_event like ?""")
			.param("%" + caseId + "%").update();
		assertThat(reset).isEqualTo(1);

		eventResubmission.execute(new TaskInstance<>("event-resubmission", RecurringTask.INSTANCE), null);

		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gridCaseRows(caseId) == placements);
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
				select count(*) from event_publication
				where listener_id like '%GridCaseCounter%' and serialized_event like ? and completion_date is null""")
			.param("%" + caseId + "%").query(Long.class).single() == 0);
	}

	private long gridCaseRows(UUID caseId) {
		return jdbc.sql("select count(*) from grid_case where case_id = ?").param(caseId).query(Long.class).single();
	}
}
