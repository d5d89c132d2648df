package org.sudi.grid.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sudi.grid.GridKind;
import org.sudi.platform.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

/** Checking a GeoJSON import as a whole: each problem named, nothing accepted when anything is wrong. */
@DisplayName("GeoJSON grid import")
class GridImportTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** Two villages of town 10 and one of town 20; grid workers w1, w2; village 11 already has division 370404001001. */
	static class District implements GridImport.District {

		final List<Grid> existing = new ArrayList<>();
		final Map<Long, String> divisions = new HashMap<>(Map.of(11L, "370404001001"));

		@Override
		public List<GridImport.Village> villages(String ref) {
			List<GridImport.Village> all = List.of(new GridImport.Village(11, "tanshan-01", "坛山社区", 10),
					new GridImport.Village(12, "tanshan-02", "文化路社区", 10), new GridImport.Village(21, "wulin-01", "吴林社区", 20),
					new GridImport.Village(22, "gushao-01", "文化路社区", 30));
			return all.stream().filter(v -> v.code().equals(ref) || v.name().equals(ref)).toList();
		}

		@Override
		public Optional<String> divisionOf(long villageId) {
			return Optional.ofNullable(divisions.get(villageId));
		}

		@Override
		public Optional<Long> villageOfDivision(String division) {
			return divisions.entrySet().stream().filter(e -> e.getValue().equals(division)).map(Map.Entry::getKey).findFirst();
		}

		@Override
		public boolean isGridWorker(String username) {
			return username.equals("w1") || username.equals("w2");
		}

		@Override
		public List<Grid> existing() {
			return existing;
		}
	}

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

	static List<GeoJsonGrids.Feature> read(String... features) {
		return GeoJsonGrids.read(JSON.readTree("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}"));
	}

	static Map<String, String> problems(District district, String... features) {
		InvalidInputException e = (InvalidInputException) org.assertj.core.api.Assertions
			.catchThrowable(() -> GridImport.check(read(features), district));
		assertThat(e).as("the import is rejected").isNotNull();
		assertThat(e.getMessage()).contains("nothing was imported");
		return e.fields();
	}

	static final String GOOD_1 = feature("370404001001001", "坛山社区第1网格", "BASIC", "坛山社区", square(117.50, 34.70, 0.01),
			"\"households\":320,\"workers\":[\"w1\"],\"partyOrganisation\":\"坛山社区第1网格党支部\"");
	static final String GOOD_2 = feature("370404001001002", "坛山社区第2网格", "BASIC", "tanshan-01", square(117.51, 34.70, 0.01), null);
	static final String SCHOOL = feature("370404001001901", "坛山小学专属网格", "SPECIAL", "坛山社区", square(117.505, 34.705, 0.01),
			"\"specialKind\":\"SCHOOL\",\"hostUnit\":\"坛山小学\"");

	@Test
	@DisplayName("a sound file gives grids with their village, town, workers and properties")
	void sound() {
		GridImport.Plan plan = GridImport.check(read(GOOD_1, GOOD_2, SCHOOL), new District());
		assertThat(plan.grids()).extracting(Grid::code).containsExactly("370404001001001", "370404001001002", "370404001001901");
		Grid first = plan.grids().get(0);
		assertThat(first.villageId()).isEqualTo(11L);
		assertThat(first.townId()).isEqualTo(10L);
		assertThat(first.workers()).containsExactly("w1");
		assertThat(first.households()).isEqualTo(320);
		assertThat(plan.grids().get(2).kind()).isEqualTo(GridKind.SPECIAL);
		assertThat(plan.warnings()).isEmpty();
		assertThat(plan.newDivisions()).isEmpty();
	}

	@Test
	@DisplayName("special grids may overlap basic grids and each other")
	void specialOverlapsAreFine() {
		String school2 = feature("370404001001902", "另一所学校", "SPECIAL", "坛山社区", square(117.506, 34.706, 0.01),
				"\"specialKind\":\"SCHOOL\"");
		assertThat(GridImport.check(read(GOOD_1, GOOD_2, SCHOOL, school2), new District()).grids()).hasSize(4);
	}

	@Test
	@DisplayName("a self-intersecting polygon is rejected, naming the grid and the place")
	void bowtie() {
		String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[117.5,34.7],[117.51,34.71],[117.51,34.7],[117.5,34.71],[117.5,34.7]]]}";
		Map<String, String> p = problems(new District(), GOOD_1, feature("370404001001002", "坛山社区第2网格", "BASIC", "坛山社区", bowtie, null));
		assertThat(p).containsKey("features[1].geometry");
		assertThat(p.get("features[1].geometry")).contains("370404001001002").contains("坛山社区第2网格")
			.contains("invalid polygon").contains("self-intersection").contains("117.505");
	}

	@Test
	@DisplayName("an unclosed ring, too few positions, and a Point are rejected")
	void badGeometries() {
		String open = "{\"type\":\"Polygon\",\"coordinates\":[[[117.5,34.7],[117.51,34.7],[117.5,34.7]]]}";
		String open5 = "{\"type\":\"Polygon\",\"coordinates\":[[[117.5,34.7],[117.51,34.7],[117.51,34.71],[117.5,34.71],[117.5,34.705]]]}";
		String point = "{\"type\":\"Point\",\"coordinates\":[117.5,34.7]}";
		String outOfRange = "{\"type\":\"Polygon\",\"coordinates\":[[[217.5,34.7],[117.51,34.7],[117.51,34.71],[217.5,34.7]]]}";
		Map<String, String> p = problems(new District(),
				feature("370404001001001", "甲", "BASIC", "坛山社区", open, null),
				feature("370404001001002", "乙", "BASIC", "坛山社区", open5, null),
				feature("370404001001003", "丙", "BASIC", "坛山社区", point, null),
				feature("370404001001004", "丁", "BASIC", "坛山社区", outOfRange, null));
		assertThat(p.get("features[0].geometry")).contains("甲").contains("at least 4 positions");
		assertThat(p.get("features[1].geometry")).contains("乙").contains("not closed");
		assertThat(p.get("features[2].geometry")).contains("丙").contains("Polygon or MultiPolygon, not Point");
		assertThat(p.get("features[3].geometry")).contains("丁").contains("not a WGS-84");
	}

	@Test
	@DisplayName("overlapping basic grids are rejected, naming both; touching grids are not")
	void overlaps() {
		String overlapping = feature("370404001001003", "坛山社区第3网格", "BASIC", "坛山社区", square(117.505, 34.70, 0.01), null);
		Map<String, String> p = problems(new District(), GOOD_1, GOOD_2, overlapping);
		assertThat(p.values()).anySatisfy(m -> assertThat(m).contains("370404001001001 (坛山社区第1网格)")
			.contains("370404001001003 (坛山社区第3网格)").contains("overlap by"));
		assertThat(p.values()).anySatisfy(m -> assertThat(m).contains("370404001001002").contains("370404001001003"));
		assertThat(p.values()).noneSatisfy(m -> assertThat(m).contains("370404001001001").contains("370404001001002 "));
	}

	@Test
	@DisplayName("an overlap with a grid already stored is rejected; replacing that grid by its code is not an overlap")
	void overlapWithStored() {
		District d = new District();
		d.existing.addAll(GridImport.check(read(GOOD_1), d).grids());
		String intruder = feature("370404001001005", "坛山社区第5网格", "BASIC", "坛山社区", square(117.5095, 34.7095, 0.01), null);
		Map<String, String> p = problems(d, intruder);
		assertThat(p.values()).singleElement().asString().contains("370404001001001").contains("overlap by");
		String movedFirst = feature("370404001001001", "坛山社区第1网格", "BASIC", "坛山社区", square(117.49, 34.70, 0.01), null);
		assertThat(GridImport.check(read(movedFirst), d).grids()).hasSize(1);
	}

	@Test
	@DisplayName("a tiny overlap within the tolerance (digitising noise) is accepted")
	void tolerance() {
		// 5e-8 degrees (5 mm) of overlap along a 0.01-degree (1.1 km) edge: about 5 m².
		String nearly = feature("370404001001002", "坛山社区第2网格", "BASIC", "坛山社区", square(117.51 - 5e-8, 34.70, 0.01), null);
		assertThat(GridImport.check(read(GOOD_1, nearly), new District()).grids()).hasSize(2);
	}

	@Test
	@DisplayName("an unknown parent village is rejected by name; an ambiguous name asks for the unit code")
	void unknownVillage() {
		Map<String, String> p = problems(new District(),
				feature("370404001009001", "王庄村第1网格", "BASIC", "王庄村", square(117.6, 34.7, 0.01), null),
				feature("370404001002001", "文化路第1网格", "BASIC", "文化路社区", square(117.7, 34.7, 0.01), null));
		assertThat(p.get("features[0].village")).contains("王庄村第1网格").contains("unknown parent village '王庄村'");
		assertThat(p.get("features[1].village")).contains("ambiguous");
	}

	@Test
	@DisplayName("codes: 15 digits of 370404, unique in the file, in the village's division, sequence by kind")
	void codes() {
		Map<String, String> p = problems(new District(),
				feature("37040400100100", "短", "BASIC", "坛山社区", square(117.50, 34.70, 0.01), null),
				feature("370405001001001", "外县", "BASIC", "坛山社区", square(117.51, 34.70, 0.01), null),
				feature("370404001001003", "甲", "BASIC", "坛山社区", square(117.52, 34.70, 0.01), null),
				feature("370404001001003", "乙", "BASIC", "坛山社区", square(117.53, 34.70, 0.01), null),
				feature("370404001002004", "错村", "BASIC", "坛山社区", square(117.54, 34.70, 0.01), null),
				feature("370404001001905", "基础却用9xx", "BASIC", "坛山社区", square(117.55, 34.70, 0.01), null),
				feature("370404001001006", "专属缺类型", "SPECIAL", "坛山社区", square(117.56, 34.70, 0.01), null));
		assertThat(p.get("features[0].code")).contains("15 digits");
		assertThat(p.get("features[1].code")).contains("15 digits");
		assertThat(p.get("features[3].code")).contains("used twice");
		assertThat(p.get("features[4].code")).contains("错村").contains("does not belong to village 坛山社区")
			.contains("370404001001");
		assertThat(p.get("features[5].code")).contains("901–999");
		assertThat(p.get("features[6].specialKind")).contains("needs specialKind");
		assertThat(p).doesNotContainKey("features[2].code");
	}

	@Test
	@DisplayName("a village new to the grids takes the division code of its grids, which must agree and be its own")
	void newDivision() {
		GridImport.Plan plan = GridImport.check(read(
				feature("370404001002001", "文化路第1网格", "BASIC", "tanshan-02", square(117.50, 34.70, 0.01), null)),
				new District());
		assertThat(plan.newDivisions()).containsEntry(12L, "370404001002");
		Map<String, String> p = problems(new District(),
				feature("370404001002001", "甲", "BASIC", "tanshan-02", square(117.50, 34.70, 0.01), null),
				feature("370404001003002", "乙", "BASIC", "tanshan-02", square(117.51, 34.70, 0.01), null),
				feature("370404001003003", "丙", "BASIC", "wulin-01", square(117.52, 34.70, 0.01), null),
				feature("370404001001009", "丁", "BASIC", "wulin-01", square(117.53, 34.70, 0.01), null));
		assertThat(p.get("features[1].code")).contains("must share one village code");
		assertThat(p.get("features[2].code")).contains("already belongs to another village");
		assertThat(p.get("features[3].code")).contains("already belongs to another village");
	}

	@Test
	@DisplayName("workers must be grid-worker accounts")
	void workers() {
		Map<String, String> p = problems(new District(), feature("370404001001001", "甲", "BASIC", "坛山社区",
				square(117.50, 34.70, 0.01), "\"workers\":[\"w1\",\"nobody\"]"));
		assertThat(p.get("features[0].workers")).contains("'nobody' is not a grid worker account");
	}

	@Test
	@DisplayName("every problem of the file is reported at once, and a file that is not a FeatureCollection is refused")
	void allAtOnce() {
		Map<String, String> p = problems(new District(),
				feature("370404001001001", "", "BASIC", "王庄村", square(117.50, 34.70, 0.01), null),
				feature("bad", "乙", "ROUND", "坛山社区", square(117.51, 34.70, 0.01), null));
		assertThat(p).containsKeys("features[0].name", "features[0].village", "features[1].code", "features[1].kind");
		assertThatThrownBy(() -> GeoJsonGrids.read(JSON.readTree("{\"type\":\"Feature\"}")))
			.isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FeatureCollection");
		assertThat(problems(new District())).containsKey("features");
	}

	@Test
	@DisplayName("a gap between a village's basic grids is a warning naming the grids around it")
	void gapWarning() {
		// Four grids around an empty middle square.
		GridImport.Plan plan = GridImport.check(read(
				feature("370404001001001", "南", "BASIC", "坛山社区", "{\"type\":\"Polygon\",\"coordinates\":[[[117.50,34.70],[117.53,34.70],[117.53,34.71],[117.50,34.71],[117.50,34.70]]]}", null),
				feature("370404001001002", "北", "BASIC", "坛山社区", "{\"type\":\"Polygon\",\"coordinates\":[[[117.50,34.72],[117.53,34.72],[117.53,34.73],[117.50,34.73],[117.50,34.72]]]}", null),
				feature("370404001001003", "西", "BASIC", "坛山社区", square(117.50, 34.71, 0.01), null),
				feature("370404001001004", "东", "BASIC", "坛山社区", square(117.52, 34.71, 0.01), null)), new District());
		assertThat(plan.warnings()).singleElement().asString().startsWith("gap of ").contains("m²")
			.contains("370404001001001 (南)").contains("370404001001004 (东)");
	}

	@Test
	@DisplayName("export and read back give the same grids")
	void roundTrip() {
		List<Grid> grids = GridImport.check(read(GOOD_1, GOOD_2, SCHOOL), new District()).grids();
		Map<String, Object> written = GeoJsonGrids.write(grids, Map.of(11L, "坛山社区"), true, null);
		List<Grid> again = GridImport.check(GeoJsonGrids.read(JSON.valueToTree(written)), new District()).grids();
		assertThat(again).usingRecursiveComparison().ignoringFields("geometry").isEqualTo(grids);
		for (int i = 0; i < grids.size(); i++) {
			assertThat(again.get(i).geometry().equalsExact(grids.get(i).geometry())).isTrue();
		}
	}
}
