package org.sudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;

/**
 * The assessment's case fact of an intake is written once, before the intake commits, with the town
 * review's deadline that the same transaction set (FactRecorder): the review counts on time against it.
 */
class CaseFactTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("a case filed for town review has its fact with the review's deadline and the reviewing town")
	void factOfATownReviewCarriesItsDeadline() {
		String id = livelihood("hotline", "tanshan", "小区路灯不亮").path("id").asString();
		Map<String, Object> c = jdbc.sql("select status, review_due_at, town_id from cases where id = ?::uuid").param(id)
			.query().singleRow();
		assertThat(c.get("status")).isEqualTo("TOWN_REVIEW");
		assertThat(c.get("review_due_at")).isNotNull();
		Map<String, Object> fact = jdbc.sql("select review_due, review_town_id from asm_case_fact where case_id = ?::uuid")
			.param(id).query().singleRow();
		assertThat((Timestamp) fact.get("review_due")).isEqualTo((Timestamp) c.get("review_due_at"));
		assertThat(fact.get("review_town_id")).isEqualTo(c.get("town_id"));
	}

	@Test
	@DisplayName("its escalation by the town is recorded on the same fact, as a review")
	void escalationIsTheReview() {
		String id = livelihood("hotline", "tanshan", "井盖松动").path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "井盖归区住建局")));
		assertThat(jdbc.sql("select count(*) from asm_case_fact where case_id = ?::uuid and reviewed_at is not null"
				+ " and review_due is not null").param(id).query(Long.class).single()).isEqualTo(1);
	}
}
