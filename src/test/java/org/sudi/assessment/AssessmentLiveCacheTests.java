package org.sudi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/** An open month's shared live results never hide a change made through the application. */
class AssessmentLiveCacheTests extends ApiTestSupport {

	@Autowired
	Clock clock;

	@Test
	@DisplayName("a dispatch is in the month's results on the next read, though the month was just read")
	void changeVisibleOnNextRead() {
		String path = "/api/v1/assessment/months/" + YearMonth.now(clock);
		long before = received(ok(as("leader").get(path)).body(), org("shuiwu"));
		assertThat(received(ok(as("leader").get(path)).body(), org("shuiwu"))).isEqualTo(before);

		String id = livelihood("hotline", "tanshan", "小区供水水压不足").path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "供水属区水务局")));
		dispatch(id, "shuiwu", List.of(), null);

		assertThat(received(ok(as("leader").get(path)).body(), org("shuiwu"))).isEqualTo(before + 1);
	}

	private static long received(JsonNode month, long orgId) {
		for (JsonNode u : month.path("departments")) {
			if (u.path("orgId").asLong() == orgId) {
				return u.path("measures").path("received").asLong();
			}
		}
		throw new AssertionError("no department " + orgId + " in " + month);
	}
}
