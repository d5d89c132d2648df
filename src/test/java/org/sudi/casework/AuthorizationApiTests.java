package org.sudi.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * The "who may do what" table of the closed-loop issue, through the HTTP API: 403 where the caller
 * can see the case but may not act, 404 where they may not see it.
 */
class AuthorizationApiTests extends ApiTestSupport {

	@Nested
	@DisplayName("Filing cases")
	class Filing {

		@Test
		@DisplayName("each type only by the roles the table names")
		void rolesPerType() {
			Map<String, Object> enforcement = Map.of("type", "ENFORCEMENT", "title", "违法建设", "description", "有人违建");
			Map<String, Object> development = Map.of("type", "DEVELOPMENT", "title", "用工难", "description", "招工难");
			Map<String, Object> livelihood = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "噪音", "description",
					"夜间施工噪音扰民", "townId", org("wulin")));
			assertThat(as("citizen").post("/api/v1/cases", enforcement).status()).isEqualTo(403);
			assertThat(as("enterprise").post("/api/v1/cases", livelihood).status()).isEqualTo(403);
			assertThat(as("dept-zhifa").post("/api/v1/cases", livelihood).status()).isEqualTo(403);
			assertThat(as("town-wulin").post("/api/v1/cases", development).status()).isEqualTo(403);
			assertThat(as("leader").post("/api/v1/cases", livelihood).status()).isEqualTo(403);
			assertThat(as("dept-zhifa").post("/api/v1/cases", enforcement).status()).isEqualTo(201);
			assertThat(as("hotline").post("/api/v1/cases", development).status()).isEqualTo(201);
			assertThat(as("grid-tanshan-01").post("/api/v1/cases", livelihood).status()).isEqualTo(201);
		}

		@Test
		@DisplayName("a grid worker's or village's LIVELIHOOD case goes to their own town without naming it")
		void townFromReportersUnit() {
			JsonNode c = submit("grid-tanshan-01", Map.of("type", "LIVELIHOOD", "title", "井盖缺失",
					"description", "文化路井盖缺失，存在安全隐患"));
			assertThat(c.path("townId").asLong()).isEqualTo(org("tanshan"));
			assertThat(c.path("channel").asString()).isEqualTo("GRID");
		}

		@Test
		@DisplayName("a hotline LIVELIHOOD case without a town is refused with the field named")
		void townRequired() {
			var r = as("hotline").post("/api/v1/cases", Map.of("type", "LIVELIHOOD", "title", "噪音", "description", "扰民"));
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("townId");
		}
	}

	@Nested
	@DisplayName("Town review")
	class TownReview {

		@Test
		@DisplayName("town A cannot review town B's case; the dispatcher cannot review it either")
		void onlyTheCasesTown() {
			String id = livelihood("hotline", "tanshan", "占道经营").path("id").asString();
			assertThat(as("town-wulin").post("/api/v1/cases/" + id + "/accept", Map.of()).status()).isEqualTo(404);
			assertThat(as("town-wulin").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "x")).status())
				.isEqualTo(404);
			assertThat(as("dispatcher").post("/api/v1/cases/" + id + "/accept", Map.of()).status()).isEqualTo(403);
			assertThat(as("dispatcher").post("/api/v1/cases/" + id + "/reject", Map.of("reason", "x")).status())
				.isEqualTo(403);
			assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).body().path("status").asString())
				.isEqualTo("TOWN_REVIEW");
		}

		@Test
		@DisplayName("a town may give its case only to itself or one of its own villages")
		void ownVillagesOnly() {
			String id = livelihood("hotline", "tanshan", "楼道灯坏").path("id").asString();
			var r = as("town-tanshan").post("/api/v1/cases/" + id + "/accept", Map.of("assigneeOrgId", org("wulin-01")));
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("assigneeOrgId");
		}

		@Test
		@DisplayName("escalating needs a reason")
		void escalateNeedsReason() {
			String id = livelihood("hotline", "tanshan", "噪音扰民").path("id").asString();
			var r = as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", " "));
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("reason");
		}
	}

	@Nested
	@DisplayName("Triage and tasks")
	class Tasks {

		@Test
		@DisplayName("only the dispatcher dispatches; department A cannot sign department B's task; an outsider sees nothing")
		void taskBelongsToItsUnit() {
			JsonNode c = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "厂区门前道路破损",
					"description", "企业门前道路破损，货车无法通行"));
			String id = c.path("id").asString();
			Map<String, Object> body = Map.of("leadOrgId", org("zhujian"), "assistOrgIds", List.of(org("jiaotong")));
			assertThat(as("town-tanshan").post("/api/v1/cases/" + id + "/dispatch", body).status()).isEqualTo(404);
			assertThat(as("hotline").post("/api/v1/cases/" + id + "/dispatch", body).status()).isEqualTo(403);
			c = ok(as("dispatcher").post("/api/v1/cases/" + id + "/dispatch", body)).body();
			String zhujianTask = taskOf(c, "zhujian");

			// jiaotong can see the case (it has a task in it) but may not act on zhujian's task.
			assertThat(as("dept-jiaotong").get("/api/v1/cases/" + id).status()).isEqualTo(200);
			assertThat(as("dept-jiaotong").post("/api/v1/tasks/" + zhujianTask + "/sign", null).status()).isEqualTo(403);
			// shichang has nothing to do with the case: it is not even told the task exists.
			assertThat(as("dept-shichang").post("/api/v1/tasks/" + zhujianTask + "/sign", null).status()).isEqualTo(404);
			assertThat(as("dept-shichang").get("/api/v1/cases/" + id).status()).isEqualTo(404);
			assertThat(taskStatus(ok(as("dispatcher").get("/api/v1/cases/" + id)).body(), zhujianTask))
				.isEqualTo("DISPATCHED");

			// Return and extension decisions belong to the command centre.
			ok(as("dept-zhujian").post("/api/v1/tasks/" + zhujianTask + "/return-request", Map.of("reason", "非本单位")));
			assertThat(as("dept-zhujian").post("/api/v1/tasks/" + zhujianTask + "/return-request/decision",
					Map.of("approve", true)).status()).isEqualTo(403);
		}

		@Test
		@DisplayName("a duty item of a unit not dispatched to is refused as the basis")
		void dutyMustBelongToADispatchedUnit() {
			String id = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "融资难", "description", "希望对接银行"))
				.path("id").asString();
			var r = as("dispatcher").post("/api/v1/cases/" + id + "/dispatch",
					Map.of("leadOrgId", org("shenpi"), "assistOrgIds", List.of(), "dutyId", firstDutyOf("weijian")));
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body().path("errors").get(0).path("field").asString()).isEqualTo("dutyId");
		}
	}

	@Nested
	@DisplayName("Evaluation, verification, withdrawal")
	class Judging {

		@Test
		@DisplayName("only the requester, the initiating unit or a follow-up call evaluates; only the dispatcher verifies")
		void whoJudges() {
			JsonNode c = livelihood("citizen", "dige", "自来水水压低");
			String id = c.path("id").asString();
			ok(as("town-dige").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "属水务局")));
			c = dispatch(id, "shuiwu", List.of(), null);
			handle("dept-shuiwu", taskOf(c, "shuiwu"), false, "已调整加压泵");
			assertThat(as("dept-shuiwu").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED"))
				.status()).isEqualTo(403);
			assertThat(as("leader").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED")).status())
				.isEqualTo(403);
			assertThat(as("hotline").post("/api/v1/cases/" + id + "/verify", Map.of("passed", true)).status())
				.isEqualTo(403);
			ok(as("dispatcher").post("/api/v1/cases/" + id + "/verify", Map.of("passed", true)));
			ok(as("citizen").post("/api/v1/cases/" + id + "/evaluate", Map.of("rating", "SATISFIED")));
		}

		@Test
		@DisplayName("the requester may withdraw before dispatch, nobody else, and not after")
		void withdraw() {
			String id = livelihood("citizen", "eshan", "广场舞噪音").path("id").asString();
			assertThat(as("hotline").post("/api/v1/cases/" + id + "/withdraw", Map.of("reason", "x")).status())
				.isEqualTo(403);
			JsonNode c = ok(as("citizen").post("/api/v1/cases/" + id + "/withdraw", Map.of("reason", "已自行协商解决")))
				.body();
			assertThat(c.path("outcome").asString()).isEqualTo("WITHDRAWN");

			String other = livelihood("citizen", "eshan", "道路积水").path("id").asString();
			ok(as("town-eshan").post("/api/v1/cases/" + other + "/accept", Map.of()));
			var r = as("citizen").post("/api/v1/cases/" + other + "/withdraw", Map.of("reason", "不需要了"));
			assertThat(r.status()).isEqualTo(409);
			assertThat(r.text("currentStatus")).isEqualTo("IN_PROGRESS");
		}
	}

	@Nested
	@DisplayName("Reading")
	class Reading {

		@Test
		@DisplayName("a citizen sees only their own cases, in the list and by id")
		void citizenSeesOwnCasesOnly() {
			String mine = livelihood("citizen", "liuyuan", "石榴园道路坑洼").path("id").asString();
			String notMine = livelihood("hotline", "liuyuan", "农贸市场脏乱").path("id").asString();
			assertThat(as("citizen").get("/api/v1/cases/" + notMine).status()).isEqualTo(404);
			JsonNode page = ok(as("citizen").get("/api/v1/cases?size=100")).body();
			assertThat(page.path("items").valueStream().map(c -> c.path("id").asString())).contains(mine)
				.doesNotContain(notMine);
			// Everything listed is the citizen's own: each one readable, with the full phone shown only to its requester.
			page.path("items").forEach(c -> {
				assertThat(as("citizen").get("/api/v1/cases/" + c.path("id").asString()).status()).isEqualTo(200);
				assertThat(c.path("requester").path("phone").asString()).doesNotContain("*");
			});
			assertThat(page.path("total").asLong()).isEqualTo(page.path("items").size());
		}

		@Test
		@DisplayName("a town lists its jurisdiction; a department lists only cases it was given")
		void unitsListTheirOwn() {
			String tanshan = livelihood("hotline", "tanshan", "垃圾桶满溢").path("id").asString();
			String wulin = livelihood("hotline", "wulin", "垃圾桶破损").path("id").asString();
			JsonNode page = ok(as("town-tanshan").get("/api/v1/cases?status=TOWN_REVIEW&size=100")).body();
			assertThat(page.path("items").valueStream().map(c -> c.path("id").asString())).contains(tanshan)
				.doesNotContain(wulin);
			assertThat(page.path("items").valueStream().map(c -> c.path("townId").asLong()))
				.allMatch(t -> t == org("tanshan"));
			JsonNode dept = ok(as("dept-minzheng").get("/api/v1/cases?size=100")).body();
			assertThat(dept.path("items").valueStream().map(c -> c.path("id").asString())).doesNotContain(tanshan,
					wulin);
		}

		@Test
		@DisplayName("a unit lists the open cases it has a task in, as lead or assisting and after its own task is done; "
				+ "staff list the cases they filed; others do not see them")
		void unitsListCasesTheyWorkOnOrFiled() {
			String id = livelihood("village-tanshan-01", "tanshan", "河道漂浮垃圾").path("id").asString();
			ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "河道归区水务局")));
			JsonNode c = dispatch(id, "shuiwu", List.of("huanbao"), null);
			handle("dept-huanbao", taskOf(c, "huanbao"), true, "已采样");
			// the assisting unit's task is done, the case is still open: both units, and the filer, list it
			for (String user : List.of("dept-shuiwu", "dept-huanbao", "village-tanshan-01")) {
				JsonNode open = ok(as(user).get("/api/v1/cases?open=true&size=100")).body();
				assertThat(open.path("items").valueStream().map(i -> i.path("id").asString())).as(user).contains(id);
				assertThat(as(user).get("/api/v1/cases/" + id).status()).as(user).isEqualTo(200);
			}
			handle("dept-shuiwu", taskOf(c, "shuiwu"), true, "已清理漂浮垃圾");
			JsonNode all = ok(as("dept-huanbao").get("/api/v1/cases?size=100")).body();
			assertThat(all.path("items").valueStream().map(i -> i.path("id").asString())).contains(id);
			// every listed case is one the unit may open, and the total counts each case once
			assertThat(all.path("items").valueStream().map(i -> i.path("id").asString()).distinct().count())
				.isEqualTo(all.path("items").size());
			JsonNode other = ok(as("dept-minzheng").get("/api/v1/cases?size=100")).body();
			assertThat(other.path("items").valueStream().map(i -> i.path("id").asString())).doesNotContain(id);
			assertThat(as("dept-minzheng").get("/api/v1/cases/" + id).status()).isEqualTo(404);
		}

		@Test
		@DisplayName("the requester's phone is shown in full to the requester only; handlers, leaders and the hotline see it masked")
		void phoneMasking() {
			JsonNode c = livelihood("citizen", "gushao", "路边僵尸车");
			String id = c.path("id").asString();
			assertThat(c.path("requester").path("phone").asString()).isEqualTo("13812345678");
			assertThat(ok(as("town-gushao").get("/api/v1/cases/" + id)).body().path("requester").path("phone")
				.asString()).isEqualTo("138****5678");
			assertThat(ok(as("leader").get("/api/v1/cases/" + id)).body().path("requester").path("phone").asString())
				.isEqualTo("138****5678");
			// The hotline sees it masked too until it asks to reveal it (audited; PersonalDataHttpTests).
		assertThat(ok(as("hotline").get("/api/v1/cases/" + id)).body().path("requester").path("phone").asString())
				.isEqualTo("138****5678");
		}

		@Test
		@DisplayName("accountability records are for discipline, leaders, the command centre and administrators")
		void accountabilityReaders() {
			for (String reader : List.of("discipline", "leader", "dispatcher", "admin")) {
				assertThat(as(reader).get("/api/v1/accountability").status()).as(reader).isEqualTo(200);
			}
			for (String other : List.of("citizen", "dept-zhifa", "town-tanshan", "hotline", "enterprise")) {
				assertThat(as(other).get("/api/v1/accountability").status()).as(other).isEqualTo(403);
			}
		}
	}
}
