package org.sudi.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/** Triage help through the HTTP API: suggestions from the duty list, history import, duplicates, hot spots. */
class TriageApiTests extends ApiTestSupport {

	@Test
	@DisplayName("from day one the duty list suggests the unit, with the duty item as basis and the matched words")
	void suggestsFromTheDutyList() {
		JsonNode s = ok(as("dispatcher").post("/api/v1/triage/suggest", Map.of("title", "路边流动摊贩占道经营",
				"description", "每天早上小区门口有流动摊贩摆摊占道，堵塞交通"))).body();
		// The enforcement bureau is among the first three, on its street-vending duty (a town with a
		// market-stall duty of its own may rank close to it).
		JsonNode zhifa = s.path("units").valueStream().limit(3).filter(u -> u.path("orgId").asLong() == org("zhifa"))
			.findFirst().orElseThrow(() -> new AssertionError("zhifa not in the top 3: " + s));
		assertThat(zhifa.path("dutyTitle").asString()).contains("占用城市道路");
		assertThat(zhifa.path("dutyId").asLong()).isPositive();
		assertThat(zhifa.path("matched").valueStream().map(JsonNode::asString)).contains("摆摊", "占道");
		assertThat(s.path("categories").get(0).path("code").asString()).startsWith("cityscape");
		assertThat(as("citizen").post("/api/v1/triage/suggest", Map.of("title", "x")).status()).isEqualTo(403);
		assertThat(as("dispatcher").post("/api/v1/triage/suggest", Map.of()).status()).isEqualTo(400);
	}

	@Test
	@DisplayName("history import is checked row by row and all or nothing; a rebuild learns from it")
	void historyImport() {
		String bad = "title\ttext\tcategory\tunit\tdate\n" + "噪音\t夜间施工噪音扰民\tcityscape\tzhifa\t2025-03-01\n"
				+ "x\t\tcityscape\tzhifa\t\n" + "y\t内容\tno-such-category\tzhifa\t\n" + "z\t内容\t\tnobody\t\n";
		var rejected = postText("admin", bad);
		assertThat(rejected.status()).isEqualTo(400);
		assertThat(rejected.body().path("imported").asInt()).isZero();
		assertThat(rejected.body().path("rejected").valueStream().map(p -> p.path("line").asInt())).containsExactly(3, 4, 5);
		assertThat(postText("dispatcher", "text,unit\n内容,zhifa\n").status()).isEqualTo(403);

		StringBuilder good = new StringBuilder("text,title,category,unit,date\n");
		for (int i = 0; i < 6; i++) {
			good.append("\"楼上邻居养鸽子，气味很大，羽毛乱飞，第").append(i).append("次反映\",鸽子扰民,cityscape,区卫生健康局,2025-04-0")
				.append(i + 1).append('\n');
		}
		var imported = postText("admin", good.toString());
		assertThat(imported.status()).as(imported.raw().body()).isEqualTo(200);
		assertThat(imported.body().path("imported").asInt()).isEqualTo(6);
		JsonNode built = ok(as("dispatcher").post("/api/v1/triage/model/rebuild", null)).body();
		assertThat(built.path("unitDocuments").asInt()).isGreaterThan(200);
		JsonNode s = ok(as("hotline").post("/api/v1/triage/suggest", Map.of("title", "邻居养鸽子扰民",
				"description", "楼上养了很多鸽子，气味大，羽毛乱飞"))).body();
		assertThat(s.path("units").valueStream().map(u -> u.path("orgId").asLong()).limit(3)).contains(org("weijian"));
	}

	@Test
	@DisplayName("a nearby open case with similar text is a possible duplicate; a far one or a different text is not")
	void duplicates() {
		String first = located("hotline", "幸福小区路灯不亮", "幸福小区3号楼前路灯已经坏了一周，晚上很黑，请尽快修理", 34.7700, 117.5900);
		String near = located("hotline", "小区路灯坏了", "幸福小区3号楼前面的路灯坏了一个星期，晚上太黑了，请修理", 34.7710, 117.5905);
		String far = located("hotline", "幸福小区路灯不亮", "幸福小区3号楼前路灯已经坏了一周，晚上很黑，请尽快修理", 34.8200, 117.6500);
		String other = located("hotline", "垃圾桶满了", "菜市场门口垃圾桶满溢无人清理，臭气熏天", 34.7701, 117.5901);
		JsonNode found = ok(as("dispatcher").get("/api/v1/cases/" + near + "/duplicates")).body();
		assertThat(found.valueStream().map(d -> d.path("caseId").asString())).contains(first).doesNotContain(far, other);
		assertThat(found.get(0).path("distanceMeters").asDouble()).isLessThan(300);
		assertThat(as("dept-zhifa").get("/api/v1/cases/" + near + "/duplicates").status()).isIn(403, 404);
		// The dispatcher merges the duplicate.
		ok(as("town-tanshan").post("/api/v1/cases/" + near + "/escalate", Map.of("reason", "疑似重复")));
		JsonNode merged = ok(as("dispatcher").post("/api/v1/cases/" + near + "/merge", Map.of("intoCaseId", first)))
			.body();
		assertThat(merged.path("outcome").asString()).isEqualTo("MERGED");
	}

	@Test
	@DisplayName("hot spots group similar requests of one category in one small area, largest first")
	void hotSpots() {
		for (int i = 0; i < 3; i++) {
			locatedWithCategory("油烟扰民" + i, "楼下饭店油烟直排，熏得没法开窗", 34.7801 + i * 0.0002, 117.6001, "cityscape");
		}
		JsonNode spots = ok(as("leader").get("/api/v1/triage/hotspots?minSize=3")).body();
		assertThat(spots.valueStream().anyMatch(s -> "cityscape".equals(s.path("categoryCode").asString())
				&& s.path("count").asInt() >= 3)).isTrue();
		assertThat(as("dept-zhifa").get("/api/v1/triage/hotspots").status()).isEqualTo(403);
	}

	private String located(String user, String title, String description, double lat, double lon) {
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", title, "description", description,
				"townId", org("tanshan"), "location", Map.of("lat", lat, "lon", lon, "address", "幸福小区")));
		return submit(user, body).path("id").asString();
	}

	private void locatedWithCategory(String title, String description, double lat, double lon, String category) {
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", title, "description", description,
				"townId", org("wulin"), "categoryCode", category, "location", Map.of("lat", lat, "lon", lon)));
		submit("hotline", body);
	}

	private org.sudi.Api.Response postText(String user, String text) {
		return api.sendText("/api/v1/triage/history", token(user), text);
	}

	private String token(String user) {
		return api.token(user);
	}

}
