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
 * A unit's list of OPEN cases reads the units kept on each open case ({@code task_org_ids}, ADR 0033),
 * and its total the tasks' copy of their case's status ({@code case_task.case_status}, V67); its full list
 * still asks case_task. All must agree: for every kind of reader, over everything in the shared test
 * database, the open list is the full list without the closed cases, and each total is its list's size.
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
		String id = atZhujianWithHuanbao("井盖缺失");
		jdbc.sql("update cases set task_org_ids = null where id = ?::uuid").param(id).update();
		jdbc.sql("update case_task set case_status = null where case_id = ?::uuid").param(id).update();
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

	@Test
	@DisplayName("a task whose copy of its case's status was never derived still counts its open case once")
	void taskWrittenAroundTheApplication() {
		String id = atZhujianWithHuanbao("路面塌陷");
		long before = total("dept-huanbao", "&open=true");
		jdbc.sql("update case_task set case_status = null where case_id = ?::uuid and org_id = ?").param(id)
			.param(org("huanbao")).update();
		assertThat(total("dept-huanbao", "&open=true")).isEqualTo(before);
		assertThat(openIds("dept-huanbao", "")).contains(id);
		assertSameAsFullList();
		// the next change of the case's status derives it again
		ok(as("dept-huanbao").post("/api/v1/tasks/" + taskOf(ok(as("dispatcher").get("/api/v1/cases/" + id)).body(), "huanbao")
				+ "/sign", null));
		jdbc.sql("update case_task set case_status = null where case_id = ?::uuid and org_id = ?").param(id)
			.param(org("huanbao")).update();
		String lead = taskOf(ok(as("dispatcher").get("/api/v1/cases/" + id)).body(), "zhujian");
		ok(as("dept-zhujian").post("/api/v1/tasks/" + lead + "/return-request", Map.of("reason", "属市政管养")));
		ok(as("dispatcher").post("/api/v1/tasks/" + lead + "/return-request/decision", Map.of("approve", true)));
		assertThat(jdbc.sql("select count(*) from case_task where case_id = ?::uuid and case_status is distinct from"
				+ " 'DISTRICT_TRIAGE'").param(id).query(Long.class).single()).isZero();
	}

	/** A hotline case in 五里 escalated by the town and dispatched to 住建局, 环保局 assisting. */
	private String atZhujianWithHuanbao(String title) {
		String id = livelihood("hotline", "wulin", title).path("id").asString();
		ok(as("town-wulin").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", title + "归区住建局")));
		dispatch(id, "zhujian", List.of("huanbao"), null);
		return id;
	}

	/**
	 * For every reader: the open list, and each open status's list, hold the full list's cases of that kind
	 * in the full list's order (newest first), page by page at any page size, with totals that are their
	 * sizes. The full list asks case_task; the others read the tasks' copies of their case (V67, V68).
	 */
	private void assertSameAsFullList() {
		for (String user : READERS) {
			List<JsonNode> full = allPages(user, "");
			List<String> expected = idsOf(full.stream().filter(i -> !i.path("status").asString().equals("CLOSED")).toList());
			assertThat(idsOf(allPages(user, "&open=true"))).as(user).isEqualTo(expected);
			assertThat(idsOf(allPages(user, "&open=true", 3))).as(user + " in pages of 3").isEqualTo(expected);
			assertThat(total(user, "&open=true")).as("open total of " + user).isEqualTo(expected.size());
			for (String status : List.of("TOWN_REVIEW", "DISTRICT_TRIAGE", "IN_PROGRESS", "PENDING_EVALUATION")) {
				List<String> ofStatus = idsOf(full.stream().filter(i -> i.path("status").asString().equals(status)).toList());
				assertThat(idsOf(allPages(user, "&status=" + status, 2))).as(status + " of " + user).isEqualTo(ofStatus);
				assertThat(idsOf(allPages(user, "&open=true&status=" + status))).as(status + " open of " + user)
					.isEqualTo(ofStatus);
				assertThat(total(user, "&status=" + status)).as(status + " total of " + user).isEqualTo(ofStatus.size());
			}
		}
	}

	private static List<String> idsOf(List<JsonNode> items) {
		return items.stream().map(i -> i.path("id").asString()).toList();
	}

	private long total(String user, String query) {
		return ok(as(user).get("/api/v1/cases?size=1" + query)).body().path("total").asLong();
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
		return allPages(user, query, 100);
	}

	/** Every item of every page of the user's case list, {@code size} a page; each page's total the same. */
	private List<JsonNode> allPages(String user, String query, int size) {
		List<JsonNode> items = new java.util.ArrayList<>();
		for (int page = 0;; page++) {
			JsonNode p = ok(as(user).get("/api/v1/cases?size=" + size + "&page=" + page + query)).body();
			p.path("items").forEach(items::add);
			if ((long) (page + 1) * size >= p.path("total").asLong()) {
				assertThat((long) items.size()).as(user + query).isEqualTo(p.path("total").asLong());
				return items;
			}
		}
	}
}
