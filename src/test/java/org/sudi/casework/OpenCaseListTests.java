package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * A unit's list of OPEN cases reads the units kept on each open case ({@code task_org_ids}, ADR 0033);
 * its full list still asks case_task. Both must give the same cases: for every kind of reader, over
 * everything in the shared test database, the open list is the full list without the closed cases.
 */
class OpenCaseListTests extends ApiTestSupport {

	/** One reader per branch of the rule: task (lead, assisting, returned), filer, town, grid, requester. */
	static final List<String> READERS = List.of("dept-shuiwu", "dept-huanbao", "dept-zhujian", "dept-minzheng",
			"village-tanshan-01", "town-tanshan", "grid-tanshan-01", "citizen");

	@Autowired
	JdbcClient jdbc;

	@Test
	@DisplayName("through dispatch, an assisting unit's finished task, a returned lead and closing, each reader's open "
			+ "list is its full list without the closed cases")
	void openListIsTheFullListWithoutClosedCases() {
		String id = livelihood("village-tanshan-01", "tanshan", "排水沟堵塞积水").path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "排水设施归区水务局")));
		JsonNode c = dispatch(id, "shuiwu", List.of("huanbao"), null);
		handle("dept-huanbao", taskOf(c, "huanbao"), false, "已检测水质");
		// the lead returns its task: the case goes back to triage, then to another unit
		String lead = taskOf(c, "shuiwu");
		ok(as("dept-shuiwu").post("/api/v1/tasks/" + lead + "/return-request", Map.of("reason", "属住建局管网")));
		c = ok(as("dispatcher").post("/api/v1/tasks/" + lead + "/return-request/decision", Map.of("approve", true))).body();
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertSameAsFullList();
		c = dispatch(id, "zhujian", List.of(), null);

		// every unit that ever held a task lists the open case (returned, finished or open), others do not
		for (String user : List.of("dept-shuiwu", "dept-huanbao", "dept-zhujian", "village-tanshan-01", "town-tanshan")) {
			assertThat(openIds(user, "")).as(user).contains(id);
		}
		assertThat(openIds("dept-minzheng", "")).doesNotContain(id);
		assertThat(openIds("dept-zhujian", "&status=IN_PROGRESS")).contains(id);
		assertThat(openIds("dept-huanbao", "&status=PENDING_EVALUATION")).doesNotContain(id);
		assertThat(ok(as("dispatcher").get("/api/v1/cases?open=true&size=100&orgId=" + org("huanbao"))).body()
			.path("items").valueStream().map(i -> i.path("id").asString())).contains(id);
		assertSameAsFullList();

		handle("dept-zhujian", taskOf(c, "zhujian"), false, "已疏通排水沟");
		c = ok(as("hotline").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED", "comment", "回访满意")))
			.body();
		assertThat(c.path("status").asString()).isEqualTo("CLOSED");
		for (String user : List.of("dept-shuiwu", "dept-huanbao", "dept-zhujian")) {
			assertThat(openIds(user, "")).as(user).doesNotContain(id);
			assertThat(ids(user, "")).as(user).contains(id);
		}
		assertSameAsFullList();
	}

	@Test
	@DisplayName("each open case keeps the units of all its tasks, a closed case none")
	void openCasesKeepTheirTasksUnits() {
		String id = livelihood("hotline", "wulin", "路灯不亮").path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "路灯归区住建局")));
		dispatch(id, "zhujian", List.of("jiaotong", "zhifa"), null);
		Long[] units = jdbc.sql("select task_org_ids from cases where id = ?::uuid").param(id)
			.query((rs, n) -> (Long[]) rs.getArray(1).getArray()).single();
		assertThat(units).containsExactlyElementsOf(new java.util.TreeSet<>(List.of(org("zhujian"), org("jiaotong"), org("zhifa"))));
		// the invariant over the whole shared database, whatever other tests did (null: not derived)
		assertThat(jdbc.sql("""
				select count(*) from cases c where c.task_org_ids is not null and c.task_org_ids <> case when c.status = 'CLOSED'
				  then '{}'::bigint[] else coalesce((select array_agg(distinct t.org_id order by t.org_id) from case_task t
				  where t.case_id = c.id), '{}') end""").query(Long.class).single()).isZero();
		assertThat(jdbc.sql("select count(*) from cases where task_org_ids is null and created_by in ('hotline', 'citizen')")
			.query(Long.class).single()).isZero();
	}

	@Test
	@DisplayName("an open case whose units were never derived (a row written around the application) is listed from its tasks")
	void caseWrittenAroundTheApplication() {
		String id = livelihood("hotline", "wulin", "井盖缺失").path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "井盖归区住建局")));
		dispatch(id, "zhujian", List.of("huanbao"), null);
		jdbc.sql("update cases set task_org_ids = null where id = ?::uuid").param(id).update();
		for (String user : List.of("dept-zhujian", "dept-huanbao")) {
			assertThat(openIds(user, "")).as(user).contains(id);
		}
		assertThat(openIds("dept-minzheng", "")).doesNotContain(id);
		assertThat(ok(as("dispatcher").get("/api/v1/cases?open=true&size=100&orgId=" + org("huanbao"))).body()
			.path("items").valueStream().map(i -> i.path("id").asString())).contains(id);
		assertSameAsFullList();
		// the next change of the case derives it again
		ok(as("dept-zhujian").post("/api/v1/tasks/" + taskOf(ok(as("dispatcher").get("/api/v1/cases/" + id)).body(), "zhujian")
				+ "/sign", null));
		assertThat(jdbc.sql("select task_org_ids is not null from cases where id = ?::uuid").param(id).query(Boolean.class)
			.single()).isTrue();
	}

	private void assertSameAsFullList() {
		for (String user : READERS) {
			Set<String> open = openIds(user, "");
			Set<String> expected = new HashSet<>();
			allPages(user, "").forEach(i -> {
				if (!i.path("status").asString().equals("CLOSED")) {
					expected.add(i.path("id").asString());
				}
			});
			assertThat(open).as(user).isEqualTo(expected);
		}
	}

	private Set<String> openIds(String user, String query) {
		Set<String> ids = new HashSet<>();
		allPages(user, "&open=true" + query).forEach(i -> ids.add(i.path("id").asString()));
		return ids;
	}

	private Set<String> ids(String user, String query) {
		Set<String> ids = new HashSet<>();
		allPages(user, query).forEach(i -> ids.add(i.path("id").asString()));
		return ids;
	}

	/** Every item of every page of the user's case list. */
	private List<JsonNode> allPages(String user, String query) {
		List<JsonNode> items = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode p = ok(as(user).get("/api/v1/cases?size=100&page=" + page + query)).body();
			p.path("items").forEach(items::add);
			if ((long) (page + 1) * 100 >= p.path("total").asLong()) {
				assertThat((long) items.size()).as(user + query).isEqualTo(p.path("total").asLong());
				return items;
			}
		}
	}
}
