package org.sudi.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sudi.Api;
import org.sudi.ApiTestSupport;

import tools.jackson.databind.JsonNode;

/** Grids through the HTTP API on the seeded demo district: locating, routing located cases, import, map data. */
class GridApiTests extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	/** The demo grids as GeoJSON features, by code. */
	Map<String, JsonNode> features() {
		Map<String, JsonNode> byCode = new HashMap<>();
		for (JsonNode f : ok(as("dispatcher").get("/api/v1/grids")).body().path("features")) {
			byCode.put(f.path("properties").path("code").asString(), f);
		}
		return byCode;
	}

	/** A point inside the grid: [lat, lon]. */
	static double[] inside(JsonNode feature) {
		JsonNode p = feature.path("properties").path("labelPoint");
		return new double[] { p.get(1).asDouble(), p.get(0).asDouble() };
	}

	JsonNode firstBasicOf(String village) {
		return features().values().stream()
			.filter(f -> f.path("properties").path("villageId").asLong() == org(village))
			.filter(f -> f.path("properties").path("kind").asString().equals("BASIC"))
			.min((a, b) -> a.path("id").asString().compareTo(b.path("id").asString()))
			.orElseThrow();
	}

	@Test
	@DisplayName("the demo district has 438 basic and 118 special grids; grid-tanshan-01 works one of 坛山社区's")
	void demoGeography() {
		Map<String, JsonNode> all = features();
		assertThat(all.values().stream().filter(f -> f.path("properties").path("kind").asString().equals("BASIC")))
			.hasSize(438);
		assertThat(all.values().stream().filter(f -> f.path("properties").path("kind").asString().equals("SPECIAL")))
			.hasSize(118);
		JsonNode mine = ok(as("grid-tanshan-01").get("/api/v1/grids/mine")).body().path("features");
		assertThat(mine.size()).isEqualTo(1);
		assertThat(mine.get(0).path("properties").path("villageId").asLong()).isEqualTo(org("tanshan-01"));
		assertThat(mine.get(0).path("properties").path("workers").get(0).asString()).isEqualTo("grid-tanshan-01");
		// Citizens see the grids, not who works them.
		JsonNode f = ok(as("citizen").get("/api/v1/grids?kind=BASIC&bbox=117.41,34.63,117.77,34.91")).body();
		assertThat(f.path("features").size()).isEqualTo(438);
		assertThat(f.path("features").get(0).path("properties").has("workers")).isFalse();
	}

	@Test
	@DisplayName("GET /locate names the town, village, basic grid and special grids of a point; outside is said so")
	void locate() {
		JsonNode grid = firstBasicOf("wulin-02");
		double[] p = inside(grid);
		JsonNode at = ok(as("citizen").get("/api/v1/locate?lat=" + p[0] + "&lon=" + p[1])).body();
		assertThat(at.path("inDistrict").asBoolean()).isTrue();
		assertThat(at.path("town").path("id").asLong()).isEqualTo(org("wulin"));
		assertThat(at.path("town").path("name").asString()).isEqualTo("吴林街道");
		assertThat(at.path("village").path("id").asLong()).isEqualTo(org("wulin-02"));
		assertThat(at.path("basicGrid").path("code").asString()).isEqualTo(grid.path("id").asString());

		JsonNode school = features().values().stream()
			.filter(f -> f.path("properties").path("specialKind").asString().equals("SCHOOL")).findFirst().orElseThrow();
		double[] s = inside(school);
		JsonNode inSchool = ok(as("citizen").get("/api/v1/locate?lat=" + s[0] + "&lon=" + s[1])).body();
		assertThat(inSchool.path("specialGrids").valueStream().map(g -> g.path("code").asString()))
			.contains(school.path("id").asString());
		assertThat(inSchool.path("specialGrids").get(0).path("specialKind").asString()).isEqualTo("SCHOOL");

		JsonNode beijing = ok(as("citizen").get("/api/v1/locate?lat=39.9&lon=116.4")).body();
		assertThat(beijing.path("inDistrict").asBoolean()).isFalse();
		assertThat(beijing.path("town").isNull()).isTrue();
		assertThat(as("citizen").get("/api/v1/locate?lat=99&lon=116.4").status()).isEqualTo(400);
		assertThat(as("citizen").get("/api/v1/grids?bbox=1,2,3").status()).isEqualTo(400);
	}

	@Test
	@DisplayName("a located LIVELIHOOD case without a town goes to the review of the town it lies in, with its grid and village")
	void locatedCaseRoutedToItsTown() {
		JsonNode grid = firstBasicOf("gushao-01");
		double[] p = inside(grid);
		Map<String, Object> body = new HashMap<>(Map.of("type", "LIVELIHOOD", "title", "村口排水沟堵塞",
				"description", "下雨后村口排水沟堵塞，积水严重", "location", Map.of("lat", p[0], "lon", p[1], "address", "古邵镇村口")));
		JsonNode c = submit("citizen", body);
		assertThat(c.path("status").asString()).isEqualTo("TOWN_REVIEW");
		assertThat(c.path("townId").asLong()).isEqualTo(org("gushao"));
		assertThat(c.path("villageId").asLong()).isEqualTo(org("gushao-01"));
		assertThat(c.path("gridCode").asString()).isEqualTo(grid.path("id").asString());
		// The town it lies in reviews it; another town may not.
		String id = c.path("id").asString();
		assertThat(as("town-wulin").post("/api/v1/cases/" + id + "/accept", Map.of()).status()).isEqualTo(404);
		JsonNode accepted = ok(as("town-gushao").post("/api/v1/cases/" + id + "/accept",
				Map.of("assigneeOrgId", org("gushao-01")))).body();
		assertThat(accepted.path("status").asString()).isEqualTo("IN_PROGRESS");
		// The same answer from the list, by grid.
		JsonNode list = ok(as("dispatcher").get("/api/v1/cases?gridCode=" + grid.path("id").asString())).body();
		assertThat(list.path("items").valueStream().map(i -> i.path("id").asString())).contains(id);
	}

	@Test
	@DisplayName("a LIVELIHOOD case located outside the district goes to district triage, with a timeline note")
	void outsideGoesToTriage() {
		JsonNode c = submit("citizen", Map.of("type", "LIVELIHOOD", "title", "外地路灯不亮", "description", "在北京看到的路灯问题",
				"location", Map.of("lat", 39.9, "lon", 116.4)));
		assertThat(c.path("status").asString()).isEqualTo("DISTRICT_TRIAGE");
		assertThat(c.path("townId").isNull()).isTrue();
		assertThat(c.path("gridCode").isNull()).isTrue();
		JsonNode timeline = ok(as("dispatcher").get("/api/v1/cases/" + c.path("id").asString() + "/timeline")).body();
		assertThat(timeline.get(0).path("action").asString()).isEqualTo("SUBMIT");
		assertThat(timeline.get(0).path("note").asString()).contains("位置不在本区网格内");
	}

	@Test
	@DisplayName("the case map counts the cases submitted per grid in the period, as soon as the submission is answered")
	void caseMap() {
		JsonNode grid = firstBasicOf("eshan-01");
		String code = grid.path("id").asString();
		double[] p = inside(grid);
		String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
		long before = count(code, today);
		for (int i = 0; i < 2; i++) {
			submit("citizen", Map.of("type", "LIVELIHOOD", "title", "垃圾未清运" + i, "description", "垃圾堆放多日无人清运",
					"location", Map.of("lat", p[0], "lon", p[1])));
		}
		// Recorded in the submitting transaction (ADR 0023): no waiting for an after-commit listener.
		assertThat(count(code, today)).isEqualTo(before + 2);
		assertThat(count(code, "2020-01-01")).isZero();
		assertThat(as("citizen").get("/api/v1/map/grids").status()).isEqualTo(403);
	}

	long count(String code, String day) {
		JsonNode map = ok(as("leader").get("/api/v1/map/grids?kind=BASIC&from=" + day + "&to=" + day)).body();
		for (JsonNode f : map.path("features")) {
			if (f.path("id").asString().equals(code)) {
				return f.path("properties").path("caseCount").asLong();
			}
		}
		throw new AssertionError("no grid " + code + " on the map");
	}

	@Test
	@DisplayName("a grid worker's report lies in the worker's grid when it has no point, on channel GRID")
	void gridWorkerReport() {
		JsonNode mine = ok(as("grid-tanshan-01").get("/api/v1/grids/mine")).body().path("features").get(0);
		JsonNode c = submit("grid-tanshan-01", Map.of("type", "LIVELIHOOD", "title", "楼道堆物", "description",
				"3号楼楼道堆放杂物，影响消防通道", "requester", Map.of("name", "王大妈", "phone", "13900001111")));
		assertThat(c.path("channel").asString()).isEqualTo("GRID");
		assertThat(c.path("gridCode").asString()).isEqualTo(mine.path("id").asString());
		assertThat(c.path("townId").asLong()).isEqualTo(org("tanshan"));
		assertThat(c.path("location").path("lat").isNumber()).isTrue();
		assertThat(c.path("status").asString()).isEqualTo("TOWN_REVIEW");
	}

	@Test
	@DisplayName("grid workers verify cases of their own grids only, and list their grids' open cases")
	void gridWorkerVerifies() {
		JsonNode mine = ok(as("grid-tanshan-01").get("/api/v1/grids/mine")).body().path("features").get(0);
		double[] p = inside(mine);
		JsonNode c = submit("citizen", Map.of("type", "LIVELIHOOD", "title", "路面坑洼", "description", "小区门口路面坑洼",
				"location", Map.of("lat", p[0], "lon", p[1])));
		String id = c.path("id").asString();
		assertThat(c.path("gridCode").asString()).isEqualTo(mine.path("id").asString());

		JsonNode open = ok(as("grid-tanshan-01").get("/api/v1/cases?myGrids=true&open=true&size=100")).body();
		assertThat(open.path("items").valueStream().map(i -> i.path("id").asString())).contains(id);
		assertThat(open.path("items").valueStream().map(i -> i.path("gridCode").asString()).distinct())
			.containsOnly(mine.path("id").asString());
		// The worker of the neighbouring grid of the same village neither sees nor verifies it.
		assertThat(as("grid-tanshan-01-02").get("/api/v1/cases/" + id).status()).isEqualTo(404);

		c = ok(as("town-tanshan").post("/api/v1/cases/" + id + "/accept", Map.of())).body();
		handle("town-tanshan", taskOf(c, "tanshan"), false, "已修补路面");
		assertThat(as("grid-tanshan-01-02").post("/api/v1/cases/" + id + "/verify", Map.of("passed", true)).status())
			.isEqualTo(404);
		// A grid worker of another grid who can see the case (they filed it) still may not verify it.
		Api.Response refused = as("village-tanshan-01").post("/api/v1/cases/" + id + "/verify", Map.of("passed", true));
		assertThat(refused.status()).isIn(403, 404);

		JsonNode verified = ok(as("grid-tanshan-01").post("/api/v1/cases/" + id + "/verify",
				Map.of("passed", false, "note", "路面仍有坑洼"))).body();
		assertThat(verified.path("status").asString()).isEqualTo("IN_PROGRESS");
		assertThat(verified.path("round").asInt()).isEqualTo(2);
		assertThat(actions(id)).contains("VERIFY", "REWORK");
	}

	@Test
	@DisplayName("a grid worker who filed a case elsewhere sees it but may not verify it")
	void creatorOfAnotherGridMayNotVerify() {
		JsonNode other = firstBasicOf("wulin-01");
		double[] p = inside(other);
		JsonNode c = submit("grid-tanshan-01", Map.of("type", "LIVELIHOOD", "title", "路灯不亮", "description", "路过时看到路灯不亮",
				"location", Map.of("lat", p[0], "lon", p[1])));
		String id = c.path("id").asString();
		assertThat(c.path("townId").asLong()).isEqualTo(org("wulin"));
		c = ok(as("town-wulin").post("/api/v1/cases/" + id + "/accept", Map.of())).body();
		handle("town-wulin", taskOf(c, "wulin"), false, "已修复");
		assertThat(as("grid-tanshan-01").post("/api/v1/cases/" + id + "/verify", Map.of("passed", true)).status())
			.isEqualTo(403);
	}

	// ------------------------------------------------------------------ import

	static String square(double minLon, double minLat, double size) {
		double maxLon = minLon + size;
		double maxLat = minLat + size;
		return "{\"type\":\"Polygon\",\"coordinates\":[[[" + minLon + "," + minLat + "],[" + maxLon + "," + minLat + "],["
				+ maxLon + "," + maxLat + "],[" + minLon + "," + maxLat + "],[" + minLon + "," + minLat + "]]]}";
	}

	static String feature(String code, String name, String kind, String village, String geometry, String extra) {
		return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":{\"code\":\"" + code + "\",\"name\":\""
				+ name + "\",\"kind\":\"" + kind + "\",\"village\":\"" + village + "\"" + (extra == null ? "" : "," + extra)
				+ "}}";
	}

	static String collection(String... features) {
		return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
	}

	long gridRows() {
		return jdbc.sql("select count(*) from grid").query(Long.class).single();
	}

	@Test
	@DisplayName("import: a file with a bad polygon, an overlap and an unknown village is rejected whole, each named")
	void importRejectedWhole() {
		long before = gridRows();
		long version = jdbc.sql("select version from grid_geography").query(Long.class).single();
		// A sound grid in a free corner of the map, beside three bad ones.
		String sound = feature("370404001001801", "试验网格", "BASIC", "tanshan-01", square(117.30, 34.50, 0.01), null);
		String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[117.3,34.52],[117.31,34.53],[117.31,34.52],[117.3,34.53],[117.3,34.52]]]}";
		JsonNode demoGrid = firstBasicOf("tanshan-01");
		double[] p = inside(demoGrid);
		String overlapping = feature("370404001001802", "压盖网格", "BASIC", "坛山社区", square(p[1] - 0.001, p[0] - 0.001, 0.002), null);
		Api.Response r = as("admin").post("/api/v1/grids/import", collection(sound,
				feature("370404001001803", "蝴蝶网格", "BASIC", "坛山社区", bowtie, null), overlapping,
				feature("370404001099001", "桃花源网格", "BASIC", "桃花源村", square(117.32, 34.50, 0.01), null)));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().path("detail").asString()).contains("nothing was imported");
		List<String> messages = r.body().path("errors").valueStream().map(e -> e.path("message").asString()).toList();
		assertThat(messages).anySatisfy(m -> assertThat(m).contains("蝴蝶网格").contains("self-intersection"));
		assertThat(messages).anySatisfy(m -> assertThat(m).contains("unknown parent village '桃花源村'"));
		assertThat(messages).doesNotContain("试验网格");
		assertThat(gridRows()).isEqualTo(before);

		// Without the bad ones the overlap with the stored demo grid is reported by both names.
		r = as("admin").post("/api/v1/grids/import", collection(sound, overlapping));
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body().path("errors").get(0).path("message").asString()).contains("压盖网格")
			.contains(demoGrid.path("id").asString()).contains("overlap by");
		assertThat(gridRows()).isEqualTo(before);
		assertThat(jdbc.sql("select version from grid_geography").query(Long.class).single()).isEqualTo(version);
		assertThat(as("dispatcher").post("/api/v1/grids/import", collection(sound)).status()).isEqualTo(403);
		assertThat(as("admin").post("/api/v1/grids/import", "{\"type\":\"Feature\"}").status()).isEqualTo(400);
	}

	@Test
	@DisplayName("import: a sound file is written whole, the index follows at once, and a re-import of the export changes nothing")
	void importSound() {
		long before = gridRows();
		String a = feature("370404104001851", "峨山镇试验网格甲", "BASIC", "eshan-01", square(117.80, 34.50, 0.01),
				"\"workers\":[\"grid-eshan-01-01\"],\"households\":120");
		String b = feature("370404104001852", "峨山镇试验网格乙", "BASIC", "eshan-01", square(117.81, 34.50, 0.01), null);
		JsonNode result = ok(as("admin").post("/api/v1/grids/import", collection(a, b))).body();
		assertThat(result.path("imported").asInt()).isEqualTo(2);
		assertThat(result.path("created").asInt()).isEqualTo(2);
		assertThat(gridRows()).isEqualTo(before + 2);
		JsonNode at = ok(as("citizen").get("/api/v1/locate?lat=34.505&lon=117.815")).body();
		assertThat(at.path("basicGrid").path("code").asString()).isEqualTo("370404104001852");
		assertThat(at.path("town").path("id").asLong()).isEqualTo(org("eshan"));
		JsonNode own = ok(as("grid-eshan-01-01").get("/api/v1/grids/mine")).body().path("features");
		assertThat(own.valueStream().map(f -> f.path("id").asString())).contains("370404104001851");

		Api.Response export = as("admin").get("/api/v1/grids/export");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.header("Content-Disposition")).contains("grids.geojson");
		JsonNode again = ok(as("admin").post("/api/v1/grids/import", export.raw().body())).body();
		assertThat(again.path("created").asInt()).isZero();
		assertThat(again.path("updated").asInt()).isEqualTo(export.body().path("features").size());
		assertThat(gridRows()).isEqualTo(before + 2);
		assertThat(as("dispatcher").get("/api/v1/grids/export").status()).isEqualTo(403);
	}
}
