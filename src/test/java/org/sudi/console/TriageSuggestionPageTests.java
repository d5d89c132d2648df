package org.sudi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

/** The dispatch dialog and the town review load the triage suggestions for the case. */
class TriageSuggestionPageTests extends ApiTestSupport {

	@Test
	@DisplayName("the dispatcher's case page links the suggestions, which name the unit and its duty basis")
	void suggestionsInTheDispatchDialog() {
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "流动摊贩占道经营",
				"description", "早市流动摊贩摆摊占道，堵塞交通", "townId", org("tanshan")));
		String id = submit("hotline", body).path("id").asString();

		WebSession town = WebSession.signIn(port, "town-tanshan");
		assertThat(town.get("/console/cases/" + id).body()).contains("/console/triage/suggestions/" + id);
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "需执法")));

		WebSession dispatcher = WebSession.signIn(port, "dispatcher");
		assertThat(dispatcher.get("/console/cases/" + id).body()).contains("/console/triage/suggestions/" + id);
		WebSession.Page suggestions = dispatcher.get("/console/triage/suggestions/" + id);
		assertThat(suggestions.status()).isEqualTo(200);
		assertThat(suggestions.body()).contains("id=\"triage-suggestions\"").contains("区综合行政执法局")
			.contains("占用城市道路");

		// A department has no triage help, and an unrelated one cannot even see the case.
		assertThat(WebSession.signIn(port, "dept-shuiwu").get("/console/triage/suggestions/" + id).status())
			.isEqualTo(404);
	}
}
