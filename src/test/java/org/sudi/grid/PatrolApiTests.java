package org.sudi.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/** Patrols (巡查) through the HTTP API: checklist, ticks, findings with photos, a finding that becomes a case. */
class PatrolApiTests extends ApiTestSupport {

	static final byte[] PNG = java.util.Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

	String myGrid(String worker) {
		return ok(as(worker).get("/api/v1/grids/mine")).body().path("features").get(0).path("id").asString();
	}

	long item(String className, String itemName) {
		for (JsonNode c : ok(as("grid-tanshan-01").get("/api/v1/patrols/checklist")).body()) {
			if (c.path("name").asString().equals(className)) {
				for (JsonNode i : c.path("items")) {
					if (i.path("name").asString().equals(itemName)) {
						return i.path("id").asLong();
					}
				}
			}
		}
		throw new AssertionError("no item " + className + "/" + itemName);
	}

	@Test
	@DisplayName("the demo checklist has 13 classes and 58 items")
	void checklist() {
		JsonNode classes = ok(as("grid-tanshan-01").get("/api/v1/patrols/checklist")).body();
		assertThat(classes.size()).isEqualTo(13);
		assertThat(classes.valueStream().mapToInt(c -> c.path("items").size()).sum()).isEqualTo(58);
		assertThat(classes.valueStream().map(c -> c.path("name").asString()))
			.contains("市容环境", "公共设施", "安全隐患", "矛盾纠纷", "违法建设");
	}

	@Test
	@DisplayName("a patrol: start, tick, record a finding with a photo, turn it into a case in one step, finish")
	void patrolCreatesACase() {
		String grid = myGrid("grid-tanshan-01");
		Api.Response started = as("grid-tanshan-01").post("/api/v1/patrols", Map.of("gridCode", grid));
		assertThat(started.status()).as(started.raw().body()).isEqualTo(201);
		String patrol = started.text("id");
		assertThat(started.text("status")).isEqualTo("OPEN");

		long fine = item("公共设施", "路灯损坏、不亮");
		long manhole = item("公共设施", "井盖缺失、破损");
		ok(as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/checks", Map.of("itemId", fine, "ok", true)));

		Api.Response photo = as("grid-tanshan-01").upload("井盖.png", PNG);
		assertThat(photo.status()).isEqualTo(201);
		Api.Response found = as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/findings",
				Map.of("itemId", manhole, "description", "健康路与文化路路口井盖缺失，已设置临时警示", "attachmentIds",
						List.of(photo.text("id"))));
		assertThat(found.status()).as(found.raw().body()).isEqualTo(201);
		String finding = found.text("id");
		assertThat(found.body().path("lat").asDouble()).isBetween(34.0, 35.5);

		Api.Response filed = as("grid-tanshan-01").post("/api/v1/patrols/findings/" + finding + "/case", Map.of());
		assertThat(filed.status()).as(filed.raw().body()).isEqualTo(201);
		String caseId = filed.text("caseId");
		assertThat(filed.text("trackingNo")).matches("\\d{8}-\\d{6}");
		assertThat(filed.header("Location")).endsWith("/api/v1/cases/" + caseId);

		JsonNode c = ok(as("dispatcher").get("/api/v1/cases/" + caseId)).body();
		assertThat(c.path("channel").asString()).isEqualTo("PATROL");
		assertThat(c.path("type").asString()).isEqualTo("LIVELIHOOD");
		assertThat(c.path("status").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(c.path("townId").asLong()).isEqualTo(org("tanshan"));
		assertThat(c.path("gridCode").asString()).isEqualTo(grid);
		assertThat(c.path("title").asString()).startsWith("井盖缺失、破损");
		assertThat(c.path("description").asString()).contains("井盖缺失").contains(grid).contains("现场照片 1 张");
		// The town of the grid has it in review.
		assertThat(as("town-tanshan").get("/api/v1/cases/" + caseId).status()).isEqualTo(200);

		// Once only.
		assertThat(as("grid-tanshan-01").post("/api/v1/patrols/findings/" + finding + "/case", Map.of()).status())
			.isEqualTo(409);

		JsonNode done = ok(as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/finish", Map.of("note", "巡查完毕"))).body();
		assertThat(done.path("status").asString()).isEqualTo("FINISHED");
		assertThat(done.path("checks").size()).isEqualTo(2);
		assertThat(done.path("findings").get(0).path("caseId").asString()).isEqualTo(caseId);
		assertThat(as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/checks", Map.of("itemId", fine, "ok", true))
			.status()).isEqualTo(409);

		// Records by grid and by worker; the town sees them, another grid worker does not; the photo is readable by the town.
		JsonNode byGrid = ok(as("town-tanshan").get("/api/v1/patrols?gridCode=" + grid)).body();
		assertThat(byGrid.valueStream().map(p -> p.path("id").asString())).contains(patrol);
		JsonNode byWorker = ok(as("leader").get("/api/v1/patrols?worker=grid-tanshan-01")).body();
		assertThat(byWorker.valueStream().map(p -> p.path("id").asString())).contains(patrol);
		assertThat(ok(as("grid-tanshan-01-02").get("/api/v1/patrols?gridCode=" + grid)).body().size()).isZero();
		assertThat(as("grid-tanshan-01-02").get("/api/v1/patrols/" + patrol).status()).isEqualTo(404);
		assertThat(org.sudi.personaldata.Images.samePicture(
				as("town-tanshan").download("/api/v1/attachments/" + photo.text("id")).body(), PNG)).isTrue();
		assertThat(as("town-wulin").download("/api/v1/attachments/" + photo.text("id")).statusCode()).isEqualTo(404);
	}

	@Test
	@DisplayName("only a grid worker of the grid may patrol it, and only the patrol's worker records in it")
	void onlyTheGridsWorker() {
		String grid = myGrid("grid-tanshan-01");
		assertThat(as("grid-tanshan-01-02").post("/api/v1/patrols", Map.of("gridCode", grid)).status()).isEqualTo(403);
		assertThat(as("village-tanshan-01").post("/api/v1/patrols", Map.of("gridCode", grid)).status()).isEqualTo(403);
		assertThat(as("grid-tanshan-01").post("/api/v1/patrols", Map.of("gridCode", "370404999999001")).status())
			.isEqualTo(400);
		String patrol = as("grid-tanshan-01").post("/api/v1/patrols", Map.of("gridCode", grid)).text("id");
		assertThat(as("village-tanshan-01").post("/api/v1/patrols/" + patrol + "/findings",
				Map.of("description", "乱堆乱放")).status()).isEqualTo(403);
		assertThat(as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/checks", Map.of("itemId", 999999, "ok", true))
			.status()).isEqualTo(400);
		assertThat(as("grid-tanshan-01").post("/api/v1/patrols/" + patrol + "/findings", Map.of("description", " "))
			.status()).isEqualTo(400);
	}
}
