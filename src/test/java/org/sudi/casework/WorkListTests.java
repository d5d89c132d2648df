package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.sudi.ApiTestSupport;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Cases.WorkItem;
import org.sudi.casework.domain.WorkQueue;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;

import tools.jackson.databind.JsonNode;

/**
 * A unit's work lists: which open tasks each holds, in which order, page by page (each task status is
 * read as its own ordered branch and the branches merged, see {@code Cases.workList}), and the command
 * centre's queue of pending requests.
 */
class WorkListTests extends ApiTestSupport {

	@Autowired
	CaseService cases;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	Actor shuiwu() {
		return new Actor("dept-shuiwu", "水务局", org("shuiwu"), Set.of(Role.DEPARTMENT_STAFF));
	}

	@Test
	@DisplayName("to complete: tasks reported on site and signed livelihood tasks, not signed enforcement ones, oldest "
			+ "dispatch first, and the same sequence whatever the page size")
	void toCompleteMergesItsStatusesInDispatchOrder() {
		JsonNode l = livelihood("hotline", "tanshan", "供水管网漏水");
		ok(as("town-tanshan").post("/api/v1/cases/" + l.path("id").asString() + "/escalate", Map.of("reason", "供水归水务局")));
		l = dispatch(l.path("id").asString(), "shuiwu", List.of(), null);
		String signedLivelihood = taskOf(l, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + signedLivelihood + "/sign", null));
		JsonNode e1 = dispatch(enforcement("河道非法采砂").path("id").asString(), "zhifa", List.of("shuiwu"), null);
		String signedEnforcement = taskOf(e1, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + signedEnforcement + "/sign", null));
		JsonNode e2 = dispatch(enforcement("河道违规排污").path("id").asString(), "zhifa", List.of("shuiwu"), null);
		String arrivedEnforcement = taskOf(e2, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + arrivedEnforcement + "/sign", null));
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + arrivedEnforcement + "/arrive", Map.of("note", "已到现场")));

		List<WorkItem> all = cases.workList(shuiwu(), WorkQueue.TO_COMPLETE, 0, 500).items();
		assertThat(all).extracting(w -> w.taskId().toString()).contains(signedLivelihood, arrivedEnforcement)
			.doesNotContain(signedEnforcement);
		assertThat(all).allMatch(w -> w.taskStatus() == TaskStatus.ARRIVED
				|| (w.taskStatus() == TaskStatus.SIGNED && w.type() != CaseType.ENFORCEMENT));
		assertThat(all).isSortedAccordingTo(Comparator.comparing(WorkItem::dispatchedAt)
			.thenComparing(w -> w.taskId().toString()));
		assertThat(cases.workList(shuiwu(), WorkQueue.TO_ARRIVE, 0, 500).items()).extracting(w -> w.taskId().toString())
			.contains(signedLivelihood, signedEnforcement).doesNotContain(arrivedEnforcement);

		int shown = Math.min(all.size(), 12);
		for (int size : List.of(1, 2, 5)) {
			List<WorkItem> paged = new ArrayList<>();
			for (int page = 0; paged.size() < shown; page++) {
				CaseService.WorkBoard board = cases.workBoard(shuiwu(), WorkQueue.TO_COMPLETE, page, size);
				assertThat(board.page().total()).isEqualTo(all.size());
				paged.addAll(board.page().items());
			}
			assertThat(paged.subList(0, shown)).as("pages of " + size).isEqualTo(all.subList(0, shown));
		}
	}

	@Test
	@DisplayName("an assisting task stays off the work lists while its case is back in triage, and returns with the "
			+ "new dispatch; the command centre's queue holds the return request meanwhile")
	void taskOfACaseInTriageIsOnNoWorkList() {
		JsonNode c = dispatch(enforcement("夜间施工噪音扰民").path("id").asString(), "jiaotong", List.of("shuiwu"), null);
		String id = c.path("id").asString();
		String assist = taskOf(c, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + assist + "/sign", null));
		assertThat(onList(WorkQueue.TO_ARRIVE, assist)).isTrue();
		Map<WorkQueue, Long> before = cases.workCounts(shuiwu());

		String lead = taskOf(c, "jiaotong");
		ok(as("dept-jiaotong").post("/api/v1/tasks/" + lead + "/return-request", Map.of("reason", "噪音执法不属交通局")));
		Actor dispatcher = new Actor("dispatcher", "指挥中心", null, Set.of(Role.DISPATCHER));
		assertThat(cases.pendingRequests(dispatcher, Kind.RETURN, 0, 500).items()).extracting(w -> w.taskId().toString())
			.contains(lead);
		assertThat(cases.pendingRequests(dispatcher, Kind.EXTENSION, 0, 500).items()).extracting(w -> w.taskId().toString())
			.doesNotContain(lead);
		c = ok(as("dispatcher").post("/api/v1/tasks/" + lead + "/return-request/decision", Map.of("approve", true))).body();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(taskStatus(c, assist)).isEqualTo("SIGNED");
		assertThat(cases.pendingRequests(dispatcher, Kind.RETURN, 0, 500).items()).extracting(w -> w.taskId().toString())
			.doesNotContain(lead);

		assertThat(onList(WorkQueue.TO_ARRIVE, assist)).isFalse();
		assertThat(cases.workCounts(shuiwu()).get(WorkQueue.TO_ARRIVE)).isEqualTo(before.get(WorkQueue.TO_ARRIVE) - 1);

		dispatch(id, "zhifa", List.of(), null);
		assertThat(onList(WorkQueue.TO_ARRIVE, assist)).isTrue();
		assertThat(cases.workCounts(shuiwu())).isEqualTo(before);
	}

	@Test
	@DisplayName("a task's work list is kept on the task row through dispatch, return to triage, rework and closing; "
			+ "a row written around the application (not derived) is listed from its case")
	void workListStateOnTheTaskRow() {
		JsonNode c = dispatch(enforcement("违规占道经营").path("id").asString(), "zhifa", List.of("shuiwu"), null);
		String assist = taskOf(c, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + assist + "/sign", null));
		Map<WorkQueue, Long> before = cases.workCounts(shuiwu());
		jdbc.sql("update case_task set work_case_type = null where id = ?::uuid").param(assist).update();
		assertThat(cases.workCounts(shuiwu())).isEqualTo(before);
		assertThat(onList(WorkQueue.TO_ARRIVE, assist)).isTrue();
		assertThat(onList(WorkQueue.TO_COMPLETE, assist)).isFalse();
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + assist + "/arrive", Map.of("note", "已到现场")));
		assertThat(onList(WorkQueue.TO_COMPLETE, assist)).isTrue();
		// the invariant over the whole shared database (null: not derived)
		assertThat(jdbc.sql("""
				select count(*) from case_task t join cases c on c.id = t.case_id where t.work_case_type is not null
				  and t.work_case_type <> case when c.status = 'IN_PROGRESS' and c.round = t.round then c.type else '' end""")
			.query(Long.class).single()).isZero();
	}

	private boolean onList(WorkQueue queue, String taskId) {
		return cases.workList(shuiwu(), queue, 0, 500).items().stream().anyMatch(w -> w.taskId().toString().equals(taskId));
	}

	private JsonNode enforcement(String title) {
		return submit("town-gushao", Map.of("type", "ENFORCEMENT", "title", title, "description", title + "，请执法部门处理"));
	}
}
