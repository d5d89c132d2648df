package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.WorkQueue;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;

import tools.jackson.databind.JsonNode;

/** The work-list tabs' counts (one grouped query) against each queue's own list. */
class WorkCountsTests extends ApiTestSupport {

	@Autowired
	CaseService cases;

	@Test
	@DisplayName("each tab counts what its work list holds: a signed livelihood task is to arrive and to complete, "
			+ "a signed enforcement task only to arrive")
	void tabsCountTheirLists() {
		Actor shuiwu = new Actor("dept-shuiwu", "水务局", org("shuiwu"), Set.of(Role.DEPARTMENT_STAFF));
		Map<WorkQueue, Long> before = cases.workCounts(shuiwu);

		String livelihood = livelihood("hotline", "tanshan", "自来水管爆裂").path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + livelihood + "/escalate", Map.of("reason", "供水属区水务局")));
		JsonNode l = dispatch(livelihood, "shuiwu", List.of(), null);
		JsonNode e = submit("town-gushao", Map.of("type", "ENFORCEMENT", "title", "河道违法排污",
				"description", "河道有企业偷排污水，需要执法和水务联合处置"));
		e = dispatch(e.path("id").asString(), "zhifa", List.of("shuiwu"), null);
		Map<WorkQueue, Long> dispatched = cases.workCounts(shuiwu);
		assertThat(dispatched.get(WorkQueue.TO_SIGN)).isEqualTo(before.get(WorkQueue.TO_SIGN) + 2);

		ok(as("dept-shuiwu").post("/api/v1/tasks/" + taskOf(l, "shuiwu") + "/sign", null));
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + taskOf(e, "shuiwu") + "/sign", null));
		Map<WorkQueue, Long> signed = cases.workCounts(shuiwu);
		assertThat(signed.get(WorkQueue.TO_SIGN)).isEqualTo(before.get(WorkQueue.TO_SIGN));
		assertThat(signed.get(WorkQueue.TO_ARRIVE)).isEqualTo(before.get(WorkQueue.TO_ARRIVE) + 2);
		assertThat(signed.get(WorkQueue.TO_COMPLETE)).isEqualTo(before.get(WorkQueue.TO_COMPLETE) + 1);
		for (WorkQueue q : WorkQueue.values()) {
			assertThat(signed.get(q)).as(q.name()).isEqualTo(cases.workList(shuiwu, q, 0, 1).total());
			CaseService.WorkBoard board = cases.workBoard(shuiwu, q, 0, 500);
			assertThat(board.counts()).isEqualTo(signed);
			assertThat((long) board.page().items().size()).as(q.name()).isEqualTo(Math.min(500, signed.get(q)));
		}
	}
}
