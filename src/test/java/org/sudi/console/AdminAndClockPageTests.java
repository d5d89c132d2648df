package org.sudi.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

/** The overdue board and supervision list, time-limit and calendar administration, grid import pages. */
class AdminAndClockPageTests extends ApiTestSupport {

	@Test
	@DisplayName("the overdue board and the supervision list are for the command centre and leaders")
	void clockBoard() {
		String id = submit("hotline", Map.of("type", "DEVELOPMENT", "title", "厂区积水", "description", "雨后厂区积水严重"))
			.path("id").asString();
		dispatch(id, "shuiwu", List.of(), null);
		assertThat(as("dispatcher").post("/api/v1/cases/" + id + "/supervise", Map.of("note", "请今天内到现场查看排水")).status())
			.isEqualTo(201);

		WebSession.Page board = WebSession.signIn(port, "dispatcher").get("/console/clock");
		assertThat(board.status()).isEqualTo(200);
		assertThat(board.body()).contains("超期预警与督办").contains("请今天内到现场查看排水");
		assertThat(WebSession.signIn(port, "leader").get("/console/clock").status()).isEqualTo(200);
		assertThat(WebSession.signIn(port, "dept-shuiwu").get("/console/clock").status()).isEqualTo(403);
	}

	@Test
	@DisplayName("an administrator edits a time limit and the calendar; bad input is shown next to the field")
	void timeLimitsAndCalendar() {
		WebSession admin = WebSession.signIn(port, "admin");
		WebSession.Page page = admin.get("/console/admin/time-limits?year=2026");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("LIVELIHOOD NORMAL").contains("国庆节");

		Map<String, String> bad = Map.of("caseType", "DEVELOPMENT", "urgency", "URGENT", "townReview", "1h", "sign",
				"soon", "arrive", "2wd", "complete", "10wd", "evaluate", "3d");
		assertThat(admin.post("/console/admin/time-limits", bad).status()).isEqualTo(302);
		assertThat(admin.get("/console/admin/time-limits").body()).contains("is not a time limit");

		Map<String, String> good = Map.of("caseType", "DEVELOPMENT", "urgency", "URGENT", "townReview", "1h", "sign",
				"45m", "arrive", "2wd", "complete", "10wd", "evaluate", "3d");
		admin.post("/console/admin/time-limits", good);
		assertThat(ok(as("admin").get("/api/v1/time-limits")).body().valueStream()
			.filter(p -> p.path("caseType").asString().equals("DEVELOPMENT") && p.path("urgency").asString().equals("URGENT"))
			.map(p -> p.path("sign").asString())).containsExactly("45m");

		admin.post("/console/admin/time-limits/days", Map.of("day", "2027-02-09", "kind", "HOLIDAY", "name", "春节"));
		assertThat(admin.get("/console/admin/time-limits?year=2027").body()).contains("2027-02-09");
		WebSession.Page imported = admin.post("/console/admin/time-limits/import", Map.of("text", "2027-02-10 HOLIDAY 春节\nnot a line"));
		assertThat(imported.status()).isEqualTo(422);
		assertThat(imported.body()).contains("line 2").contains("not a line");
		assertThat(admin.get("/console/admin/time-limits?year=2027").body()).doesNotContain("2027-02-10");

		assertThat(WebSession.signIn(port, "dispatcher").get("/console/admin/time-limits").status()).isEqualTo(403);
	}

	@Test
	@DisplayName("a grid file with problems is refused with the problems listed; only administrators import")
	void gridImport() {
		WebSession admin = WebSession.signIn(port, "admin");
		assertThat(admin.get("/console/admin/grids").status()).isEqualTo(200);
		String broken = """
				{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"370404001001999",
				"name":"坏网格","kind":"BASIC","village":"no-such-village"},"geometry":{"type":"Polygon",
				"coordinates":[[[117.5,34.7],[117.51,34.7],[117.51,34.71]]]}}]}""";
		WebSession.Page refused = admin.upload("/console/admin/grids", "file", "grids.geojson",
				broken.getBytes(StandardCharsets.UTF_8));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(refused.body()).contains("grid-import-problems").doesNotContain("grid-import-result");
		WebSession.Page notJson = admin.upload("/console/admin/grids", "file", "grids.geojson",
				"not json".getBytes(StandardCharsets.UTF_8));
		assertThat(notJson.body()).contains("JSON");
		assertThat(WebSession.signIn(port, "dispatcher").get("/console/admin/grids").status()).isEqualTo(403);
	}
}
