package org.sudi.grid.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.sudi.grid.GridKind;
import org.sudi.grid.SpecialKind;
import org.sudi.grid.domain.Areas;
import org.sudi.grid.domain.GeoJsonGrids;
import org.sudi.grid.domain.Grid;
import org.sudi.grid.domain.GridCode;
import org.sudi.grid.domain.GridImport;
import org.sudi.grid.domain.GridIndex;
import org.sudi.platform.Tsv;

/** The demo geography: the figures of the district, tiling without overlaps, and the same every time. */
@DisplayName("Demo geography generator")
class DemoGeographyGeneratorTests {

	/** The demo villages as the directory seeds them (ids in file order). */
	static List<DemoGeographyGenerator.Village> villages() {
		Map<String, Long> townIds = new HashMap<>();
		Map<String, String> townNames = new HashMap<>();
		long id = 1;
		for (Map<String, String> row : Tsv.readResource("demo/orgs.tsv")) {
			townIds.put(row.get("code"), id++);
			townNames.put(row.get("code"), row.get("name"));
		}
		List<DemoGeographyGenerator.Village> out = new ArrayList<>();
		for (Map<String, String> row : Tsv.readResource("demo/villages.tsv")) {
			String town = row.get("town_code");
			out.add(new DemoGeographyGenerator.Village(id++, row.get("code"), row.get("name"), townIds.get(town), town,
					townNames.get(town)));
		}
		return out;
	}

	static final DemoGeographyGenerator.Geography GEO = DemoGeographyGenerator.generate(villages());

	@Test
	@DisplayName("438 basic and 118 special grids, unique valid codes in their village's division, one worker each")
	void figures() {
		List<Grid> grids = GEO.grids();
		assertThat(grids.stream().filter(Grid::isBasic)).hasSize(438);
		assertThat(grids.stream().filter(g -> !g.isBasic())).hasSize(118);
		assertThat(new HashSet<>(grids.stream().map(Grid::code).toList())).hasSize(556);
		for (Grid g : grids) {
			assertThat(GridCode.isValid(g.code())).as(g.code()).isTrue();
			assertThat(GridCode.villageDivision(g.code())).isEqualTo(GEO.divisions().get(g.villageId()));
			assertThat(GridCode.isSpecialSequence(g.code())).isEqualTo(g.kind() == GridKind.SPECIAL);
			assertThat(g.workers()).hasSize(1);
			assertThat(g.geometry().isValid()).isTrue();
		}
		assertThat(GEO.workers()).hasSize(556);
		assertThat(new HashSet<>(GEO.workers().stream().map(DemoGeographyGenerator.Worker::username).toList())).hasSize(556);
		assertThat(grids.stream().filter(g -> !g.isBasic()).map(Grid::specialKind).distinct())
			.containsExactlyInAnyOrder(SpecialKind.SCHOOL, SpecialKind.HOSPITAL, SpecialKind.MARKET,
					SpecialKind.INDUSTRIAL_PARK, SpecialKind.CONSTRUCTION_SITE);
		assertThat(GEO.divisions()).hasSize(37);
		assertThat(GEO.divisions().values()).allMatch(d -> d.startsWith("370404"));
	}

	@Test
	@DisplayName("grid-tanshan-01 works the first grid of 坛山社区 (tanshan-01)")
	void existingWorker() {
		Grid first = GEO.grids().stream().filter(g -> g.workers().contains("grid-tanshan-01")).findFirst().orElseThrow();
		DemoGeographyGenerator.Village tanshan01 = villages().stream().filter(v -> v.code().equals("tanshan-01"))
			.findFirst().orElseThrow();
		assertThat(first.villageId()).isEqualTo(tanshan01.id());
		assertThat(first.code()).isEqualTo("370404001001001");
		assertThat(first.name()).isEqualTo("坛山社区第1网格");
	}

	@Test
	@DisplayName("passes the import check: valid polygons, no overlapping basic grids, no gaps inside villages")
	void passesImportCheck() {
		GridImport.Plan plan = GridImport.check(GeoJsonGrids.read(tools.jackson.databind.json.JsonMapper.builder().build()
			.valueToTree(GeoJsonGrids.write(GEO.grids(), names(), true, null))), district());
		assertThat(plan.grids()).hasSize(556);
		assertThat(plan.warnings()).isEmpty();
	}

	@Test
	@DisplayName("the basic grids tile the district's rectangle around 34.77 N, 117.59 E exactly")
	void tiles() {
		Geometry union = UnaryUnionOp.union(GEO.grids().stream().filter(Grid::isBasic).map(Grid::geometry).toList());
		double area = Areas.squareMetres(union);
		double expected = Areas.squareMetres(DemoGeographyGenerator.rectangle(DemoGeographyGenerator.WEST,
				DemoGeographyGenerator.SOUTH, DemoGeographyGenerator.EAST, DemoGeographyGenerator.NORTH));
		assertThat(area).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.001));
		double sum = GEO.grids().stream().filter(Grid::isBasic).mapToDouble(g -> Areas.squareMetres(g.geometry())).sum();
		assertThat(sum).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.001));
		GridIndex index = GridIndex.of(GEO.grids(), 1);
		assertThat(index.locate(34.77, 117.59).inDistrict()).isTrue();
		// Every special grid's centre lies in a basic grid of the special grid's own village.
		for (Grid s : GEO.grids().stream().filter(g -> !g.isBasic()).toList()) {
			var c = s.geometry().getCentroid();
			var p = index.locate(c.getY(), c.getX());
			assertThat(p.villageId()).as(s.code()).isEqualTo(s.villageId());
			assertThat(p.specialGridCodes()).contains(s.code());
		}
	}

	@Test
	@DisplayName("the same villages give the same geometry, every time")
	void deterministic() {
		DemoGeographyGenerator.Geography again = DemoGeographyGenerator.generate(villages());
		assertThat(again.grids()).hasSameSizeAs(GEO.grids());
		for (int i = 0; i < again.grids().size(); i++) {
			assertThat(again.grids().get(i).code()).isEqualTo(GEO.grids().get(i).code());
			assertThat(again.grids().get(i).geometry().equalsExact(GEO.grids().get(i).geometry())).isTrue();
		}
	}

	private static Map<Long, String> names() {
		Map<Long, String> names = new HashMap<>();
		villages().forEach(v -> names.put(v.id(), v.code()));
		return names;
	}

	private static GridImport.District district() {
		return new GridImport.District() {
			@Override
			public List<GridImport.Village> villages(String ref) {
				return DemoGeographyGeneratorTests.villages().stream().filter(v -> v.code().equals(ref))
					.map(v -> new GridImport.Village(v.id(), v.code(), v.name(), v.townId())).toList();
			}

			@Override
			public Optional<String> divisionOf(long villageId) {
				return Optional.empty();
			}

			@Override
			public Optional<Long> villageOfDivision(String division) {
				return Optional.empty();
			}

			@Override
			public boolean isGridWorker(String username) {
				return username.startsWith("grid-");
			}

			@Override
			public List<Grid> existing() {
				return List.of();
			}
		};
	}
}
