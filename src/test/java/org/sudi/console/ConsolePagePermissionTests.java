package org.sudi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * What the console pages show and accept for whom: the actions offered are the viewer's own, a
 * forged action is refused by the domain, a town sees only its own review queue, role pages are
 * closed to other roles, sign-in and CSRF are enforced, and refused input comes back next to the field.
 */
class ConsolePagePermissionTests extends ApiTestSupport {

	private WebSession web(String username) {
		return WebSession.signIn(port, username);
	}

	@Test
	void aDepartmentSeesOnlyItsOwnTaskActions() {
		JsonNode c = livelihood("hotline", "tanshan", "井盖缺失 " + System.nanoTime());
		String id = c.path("id").asString();
		ok(as("town-tanshan").post("/api/v1/cases/" + id + "/escalate", Map.of("reason", "涉及市政设施")));
		JsonNode dispatched = dispatch(id, "zhujian", List.of("zhifa"), null);
		String zhujianTask = taskOf(dispatched, "zhujian");
		String zhifaTask = taskOf(dispatched, "zhifa");

		WebSession zhujian = web("dept-zhujian");
		WebSession.Page page = zhujian.get("/console/cases/" + id);
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("/console/tasks/" + zhujianTask + "/sign")
			.doesNotContain("/console/tasks/" + zhifaTask + "/sign")
			.doesNotContain("/console/cases/" + id + "/dispatch");

		// A forged sign of the other department's task is refused and changes nothing.
		WebSession.Page forged = zhujian.post("/console/tasks/" + zhifaTask + "/sign", Map.of("caseId", id));
		assertThat(forged.status()).isEqualTo(302);
		assertThat(taskStatus(ok(as("dispatcher").get("/api/v1/cases/" + id)).body(), zhifaTask))
			.isEqualTo("DISPATCHED");
		assertThat(zhujian.get("/console/cases/" + id).body()).contains("class=\"failure\"");

		// The other department sees its own sign action and not the first one's.
		WebSession.Page other = web("dept-zhifa").get("/console/cases/" + id);
		assertThat(other.body()).contains("/console/tasks/" + zhifaTask + "/sign")
			.doesNotContain("/console/tasks/" + zhujianTask + "/sign");

		// A department with no task in the case may not even see it.
		assertThat(web("dept-huanbao").get("/console/cases/" + id).status()).isEqualTo(404);
	}

	@Test
	void aTownSeesOnlyItsOwnReviewQueue() {
		String title = "噪音扰民 " + System.nanoTime();
		JsonNode c = livelihood("hotline", "tanshan", title);
		String id = c.path("id").asString();

		assertThat(web("town-tanshan").get("/console/town").body()).contains(title);
		WebSession wulin = web("town-wulin");
		assertThat(wulin.get("/console/town").body()).doesNotContain(title);
		assertThat(wulin.get("/console/cases/" + id).status()).isEqualTo(404);
		assertThat(wulin.post("/console/cases/" + id + "/escalate", Map.of("reason", "越权")).status()).isEqualTo(404);
		assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).text("status")).isEqualTo("TOWN_REVIEW");
	}

	@Test
	void rolePagesAreClosedToOtherRoles() {
		WebSession dept = web("dept-zhifa");
		assertThat(dept.get("/console/triage").status()).isEqualTo(403);
		assertThat(dept.get("/console/requests").status()).isEqualTo(403);
		assertThat(dept.get("/console/hotline").status()).isEqualTo(403);
		assertThat(dept.get("/console/town").status()).isEqualTo(403);
		assertThat(dept.get("/console/work").status()).isEqualTo(200);
		WebSession leader = web("leader");
		assertThat(leader.get("/console/cases").status()).isEqualTo(200);
		assertThat(leader.get("/console/work").status()).isEqualTo(403);
		assertThat(leader.get("/console/triage").status()).isEqualTo(403);
	}

	@Test
	void signInAndCsrfAreRequired() {
		WebSession anonymous = new WebSession(port);
		WebSession.Page console = anonymous.get("/console/triage");
		assertThat(console.status()).isEqualTo(302);
		assertThat(console.location()).endsWith("/login");
		assertThat(anonymous.get("/login").body()).contains("name=\"username\"").contains("name=\"_csrf\"");

		WebSession dispatcher = web("dispatcher");
		JsonNode c = livelihood("hotline", "tanshan", "违规停车 " + System.nanoTime());
		String id = c.path("id").asString();
		assertThat(web("town-tanshan").postWithoutToken("/console/cases/" + id + "/escalate",
				Map.of("reason", "伪造")).status()).isEqualTo(403);
		assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).text("status")).isEqualTo("TOWN_REVIEW");

		WebSession.Page out = dispatcher.post("/logout", Map.of());
		assertThat(out.location()).endsWith("/login?logout");
		assertThat(dispatcher.get("/console").status()).isEqualTo(302);

		WebSession wrong = new WebSession(port);
		String token = wrong.get("/login").body().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
		assertThat(wrong.postWithoutToken("/login", Map.of("username", "dispatcher", "password", "wrong", "_csrf", token))
			.location()).endsWith("/login?error");
	}

	@Test
	void refusedInputIsShownNextToTheField() {
		JsonNode c = livelihood("hotline", "tanshan", "占道经营 " + System.nanoTime());
		String id = c.path("id").asString();
		WebSession town = web("town-tanshan");
		WebSession.Page page = town.post("/console/cases/" + id + "/escalate", Map.of("reason", "  "));
		assertThat(page.status()).isEqualTo(422);
		assertThat(page.body()).contains("id=\"escalate-reason-error\">必填</p>");
		assertThat(ok(as("dispatcher").get("/api/v1/cases/" + id)).text("status")).isEqualTo("TOWN_REVIEW");

		WebSession hotline = web("hotline");
		WebSession.Page intake = hotline.post("/console/hotline",
				Map.of("phone", "not a phone", "type", "LIVELIHOOD", "description", "", "lat", "abc"));
		assertThat(intake.status()).isEqualTo(422);
		assertThat(intake.body()).contains("id=\"phone-error\">请填写正确的电话号码</p>");
	}

	@Test
	void theCallersEarlierCasesAreShownToTheHotline() {
		String phone = "139" + String.format("%08d", System.nanoTime() % 100_000_000L);
		WebSession hotline = web("hotline");
		WebSession.Page created = hotline.post("/console/hotline", Map.of("phone", phone, "name", "王五", "type",
				"LIVELIHOOD", "townId", String.valueOf(org("tanshan")), "description", "楼道灯不亮", "urgency", "NORMAL"));
		assertThat(created.status()).as(created.body()).isEqualTo(302);
		WebSession.Page history = hotline.get("/console/hotline/caller?phone=" + phone);
		assertThat(history.body()).contains("楼道灯不亮");
		assertThat(hotline.get("/console/hotline/caller?phone=13000000001").body()).doesNotContain("楼道灯不亮");
		// The town sees the case, with the caller's phone masked.
		String caseUrl = created.location().replaceAll("^https?://[^/]+", "");
		assertThat(web("town-tanshan").get(caseUrl).body())
			.contains(phone.substring(0, 3) + "****" + phone.substring(7)).doesNotContain(phone);
	}
}
