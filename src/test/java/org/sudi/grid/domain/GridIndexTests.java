package org.sudi.grid.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.sudi.grid.GridKind;
import org.sudi.grid.Placement;
import org.sudi.grid.SpecialKind;

/** Locating points in the grid index: inside, on shared edges and corners, in holes, in special grids, outside. */
@DisplayName("Grid index")
class GridIndexTests {

	// Two villages side by side: village 11 (town 10) has grids A | B, village 21 (town 20) has grid C east of B.
	//   lon 117.50   117.51   117.52   117.53
	//        |   A    |   B    |   C    |      lat 34.70 .. 34.71
	static final Grid A = basic("370404001001001", 11, 10, box(117.50, 34.70, 117.51, 34.71));
	static final Grid B = basic("370404001001002", 11, 10, box(117.51, 34.70, 117.52, 34.71));
	static final Grid C = basic("370404002001001", 21, 20, box(117.52, 34.70, 117.53, 34.71));
	// A school around the A|B edge, and a market inside it.
	static final Grid SCHOOL = special("370404001001901", SpecialKind.SCHOOL, box(117.508, 34.704, 117.512, 34.706));
	static final Grid MARKET = special("370404001001902", SpecialKind.MARKET, box(117.509, 34.7045, 117.510, 34.7055));

	static final GridIndex INDEX = GridIndex.of(List.of(C, SCHOOL, A, MARKET, B), 7);

	@Test
	@DisplayName("a point inside a basic grid gives the grid, its village and its town")
	void inside() {
		Placement p = INDEX.locate(34.702, 117.515);
		assertThat(p.inDistrict()).isTrue();
		assertThat(p.basicGridCode()).isEqualTo(B.code());
		assertThat(p.villageId()).isEqualTo(11L);
		assertThat(p.townId()).isEqualTo(10L);
		assertThat(p.specialGrids()).isEmpty();
	}

	@Test
	@DisplayName("a point on the shared edge of two grids goes to the lower code, whatever the insertion order")
	void sharedEdge() {
		assertThat(INDEX.locate(34.701, 117.51).basicGridCode()).isEqualTo(A.code());
		GridIndex reversed = GridIndex.of(List.of(B, A, C), 1);
		assertThat(reversed.locate(34.701, 117.51).basicGridCode()).isEqualTo(A.code());
	}

	@Test
	@DisplayName("a point on the border of two villages of different towns is placed in one of them, consistently")
	void villageBorder() {
		Placement p = INDEX.locate(34.705, 117.52);
		assertThat(p.basicGridCode()).isEqualTo(B.code());
		assertThat(p.townId()).isEqualTo(10L);
		// A hair east of the border is the other town.
		assertThat(INDEX.locate(34.705, 117.5200001).townId()).isEqualTo(20L);
	}

	@Test
	@DisplayName("a point on the outer boundary of the district is inside; a hair beyond it is outside")
	void outerBoundary() {
		assertThat(INDEX.locate(34.71, 117.505).basicGridCode()).isEqualTo(A.code());
		assertThat(INDEX.locate(34.50, 117.53).inDistrict()).isFalse();
		Placement beyond = INDEX.locate(34.7100001, 117.505);
		assertThat(beyond.inDistrict()).isFalse();
		assertThat(beyond.townId()).isNull();
		assertThat(beyond.villageId()).isNull();
		assertThat(beyond.basicGrid()).isNull();
	}

	@Test
	@DisplayName("a point in special grids lists all of them, by code, together with its basic grid")
	void specialGrids() {
		Placement p = INDEX.locate(34.705, 117.5095);
		assertThat(p.basicGridCode()).isEqualTo(A.code());
		assertThat(p.specialGridCodes()).containsExactly(SCHOOL.code(), MARKET.code());
		assertThat(p.specialGrids().get(0).specialKind()).isEqualTo(SpecialKind.SCHOOL);

		Placement onlySchool = INDEX.locate(34.7041, 117.5115);
		assertThat(onlySchool.basicGridCode()).isEqualTo(B.code());
		assertThat(onlySchool.specialGridCodes()).containsExactly(SCHOOL.code());
	}

	@Test
	@DisplayName("a point in a hole of a grid is not in that grid")
	void hole() {
		LinearRing shell = ring(117.60, 34.60, 117.62, 34.62);
		LinearRing hole = ring(117.605, 34.605, 117.615, 34.615);
		Grid ring = basic("370404100001001", 31, 30, GeoJsonGrids.GEOMETRY.createPolygon(shell, new LinearRing[] { hole }));
		Grid island = basic("370404100001002", 31, 30, box(117.605, 34.605, 117.615, 34.615));
		GridIndex index = GridIndex.of(List.of(ring, island), 1);
		assertThat(index.locate(34.61, 117.61).basicGridCode()).isEqualTo(island.code());
		assertThat(index.locate(34.601, 117.601).basicGridCode()).isEqualTo(ring.code());
		assertThat(GridIndex.of(List.of(ring), 1).locate(34.61, 117.61).inDistrict()).isFalse();
	}

	@Test
	@DisplayName("large polygons (indexed point test) are located like small ones")
	void largePolygon() {
		// A 400-vertex circle-like polygon.
		Coordinate[] cs = new Coordinate[401];
		for (int i = 0; i < 400; i++) {
			double a = 2 * Math.PI * i / 400;
			cs[i] = new Coordinate(117.7 + 0.01 * Math.cos(a), 34.8 + 0.01 * Math.sin(a));
		}
		cs[400] = cs[0];
		Grid round = basic("370404104001001", 41, 40, GeoJsonGrids.GEOMETRY.createPolygon(cs));
		GridIndex index = GridIndex.of(List.of(round), 1);
		assertThat(index.locate(34.8, 117.7).basicGridCode()).isEqualTo(round.code());
		assertThat(index.locate(34.8, 117.7099).basicGridCode()).isEqualTo(round.code());
		assertThat(index.locate(34.809, 117.709).inDistrict()).isFalse();
	}

	@Test
	@DisplayName("the index (either R-tree) answers exactly as testing every grid in turn, for many random points")
	void sameAsScan() {
		List<Grid> grids = new ArrayList<>(List.of(A, B, C, SCHOOL, MARKET));
		GridIndex index = GridIndex.of(grids, 1);
		GridIndex str = GridIndex.of(grids, 1, GridIndex.Tree.STR);
		Random random = new Random(1);
		for (int i = 0; i < 20_000; i++) {
			double lat = 34.699 + random.nextDouble() * 0.012;
			double lon = 117.499 + random.nextDouble() * 0.032;
			Placement expected = index.locateByScan(lat, lon);
			assertThat(index.locate(lat, lon)).isEqualTo(expected);
			assertThat(str.locate(lat, lon)).isEqualTo(expected);
		}
	}

	@Test
	@DisplayName("an empty index knows it has no geography")
	void empty() {
		assertThat(GridIndex.empty().hasBasicGrids()).isFalse();
		assertThat(GridIndex.empty().locate(34.77, 117.59)).isEqualTo(new Placement(null, null, null, List.of()));
		assertThat(GridIndex.of(List.of(SCHOOL), 1).hasBasicGrids()).isFalse();
		assertThat(INDEX.hasBasicGrids()).isTrue();
		assertThat(INDEX.version()).isEqualTo(7);
	}

	@Test
	@DisplayName("a bounding box finds the grids whose envelope meets it")
	void within() {
		assertThat(INDEX.within(new org.locationtech.jts.geom.Envelope(117.521, 117.529, 34.701, 34.709)))
			.extracting(Grid::code).containsExactly(C.code());
		assertThat(INDEX.within(new org.locationtech.jts.geom.Envelope(117.505, 117.515, 34.701, 34.709)))
			.extracting(Grid::code).containsExactly(A.code(), B.code(), SCHOOL.code(), MARKET.code());
	}

	static Grid basic(String code, long village, long town, Geometry g) {
		return new Grid(code, "网格" + code.substring(12), GridKind.BASIC, null, village, town, null, 300, null, List.of(), g);
	}

	static Grid special(String code, SpecialKind kind, Geometry g) {
		return new Grid(code, kind.label() + code.substring(12), GridKind.SPECIAL, kind, 11, 10, kind.label(), null, null,
				List.of(), g);
	}

	static Geometry box(double minLon, double minLat, double maxLon, double maxLat) {
		return GeoJsonGrids.GEOMETRY.createPolygon(ring(minLon, minLat, maxLon, maxLat));
	}

	static LinearRing ring(double minLon, double minLat, double maxLon, double maxLat) {
		return GeoJsonGrids.GEOMETRY.createLinearRing(new Coordinate[] { new Coordinate(minLon, minLat),
				new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat),
				new Coordinate(minLon, minLat) });
	}

}
