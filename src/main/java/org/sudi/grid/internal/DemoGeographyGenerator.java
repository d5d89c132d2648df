package org.sudi.grid.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.sudi.grid.GridKind;
import org.sudi.grid.SpecialKind;
import org.sudi.grid.domain.GeoJsonGrids;
import org.sudi.grid.domain.Grid;
import org.sudi.grid.domain.GridCode;

/**
 * Illustrative geometry for the demo district 峄城区 around 34.77 N, 117.59 E, always the same for the
 * same villages (fixed seed): the towns are strips west to east sized by their number of villages, each
 * village a band of its town, tiled by its basic grids (rows of cells with slanted, bent dividers, so
 * they look drawn and still share every edge exactly), 438 basic grids in all; 118 special grids
 * (schools, clinics, markets, industrial parks, construction sites) laid over them; one grid worker
 * per grid. Not real boundaries.
 */
final class DemoGeographyGenerator {

	static final int BASIC_GRIDS = 438;
	static final int SPECIAL_GRIDS = 118;
	static final double WEST = 117.41;
	static final double EAST = 117.77;
	static final double SOUTH = 34.63;
	static final double NORTH = 34.91;

	/** The towns' 3-digit parts of the statistical division code (illustrative, in the official pattern). */
	static final Map<String, String> TOWN_DIVISIONS = Map.of("tanshan", "001", "wulin", "002", "gushao", "100",
			"yinping", "101", "dige", "102", "liuyuan", "103", "eshan", "104");

	private static final SpecialKind[] SPECIAL_KINDS = { SpecialKind.SCHOOL, SpecialKind.HOSPITAL, SpecialKind.MARKET,
			SpecialKind.INDUSTRIAL_PARK, SpecialKind.CONSTRUCTION_SITE };

	/** A village of the demo directory, in file order. */
	record Village(long id, String code, String name, long townId, String townCode, String townName) {
	}

	/** A grid worker account to create. */
	record Worker(String username, String displayName, long villageId) {
	}

	record Geography(List<Grid> grids, Map<Long, String> divisions, Map<Long, Long> townOfVillage, List<Worker> workers) {
	}

	private DemoGeographyGenerator() {
	}

	static Geography generate(List<Village> villages) {
		Map<String, List<Village>> byTown = new LinkedHashMap<>();
		villages.forEach(v -> byTown.computeIfAbsent(v.townCode(), k -> new ArrayList<>()).add(v));
		Random random = new Random(370404L);
		List<Grid> grids = new ArrayList<>();
		Map<Long, String> divisions = new LinkedHashMap<>();
		Map<Long, Long> towns = new LinkedHashMap<>();
		List<Worker> workers = new ArrayList<>();

		int villageCount = villages.size();
		int base = BASIC_GRIDS / villageCount;
		int extra = BASIC_GRIDS % villageCount;
		int villageIndex = 0;
		int stripStart = 0;
		for (Map.Entry<String, List<Village>> town : byTown.entrySet()) {
			List<Village> vs = town.getValue();
			double x0 = lon(stripStart, villageCount);
			double x1 = lon(stripStart + vs.size(), villageCount);
			stripStart += vs.size();
			String townDivision = TOWN_DIVISIONS.getOrDefault(town.getKey(), String.format("%03d", 200 + byTown.size()));
			for (int b = 0; b < vs.size(); b++) {
				Village v = vs.get(b);
				double y0 = SOUTH + (NORTH - SOUTH) * b / vs.size();
				double y1 = SOUTH + (NORTH - SOUTH) * (b + 1) / vs.size();
				String division = GridCode.COUNTY + townDivision + String.format("%03d", b + 1);
				divisions.put(v.id(), division);
				towns.put(v.id(), v.townId());
				int n = base + (villageIndex < extra ? 1 : 0);
				List<Grid> basics = tile(v, division, n, x0, x1, y0, y1, random);
				grids.addAll(basics);
				for (Grid g : basics) {
					int seq = GridCode.sequence(g.code());
					workers.add(new Worker(g.workers().get(0), v.name() + "第" + seq + "网格网格员", v.id()));
				}
				villageIndex++;
			}
		}
		// Special grids: the i-th goes to village i mod N, so each village has 3 or 4, of different kinds.
		List<Grid> basics = List.copyOf(grids);
		for (int i = 0; i < SPECIAL_GRIDS; i++) {
			Village v = villages.get(i % villageCount);
			int nth = i / villageCount;
			SpecialKind kind = SPECIAL_KINDS[i % SPECIAL_KINDS.length];
			List<Grid> own = basics.stream().filter(g -> g.villageId() == v.id()).toList();
			Grid host = own.get((nth * 5 + 2) % own.size());
			Coordinate c = host.geometry().getInteriorPoint().getCoordinate();
			double halfLon = kind == SpecialKind.INDUSTRIAL_PARK ? 0.0040 : 0.0012;
			double halfLat = kind == SpecialKind.INDUSTRIAL_PARK ? 0.0030 : 0.0009;
			String unit = hostUnit(kind, v);
			String code = GridCode.of(divisions.get(v.id()), 901 + nth);
			String worker = "grid-" + v.code() + "-" + (901 + nth);
			grids.add(new Grid(code, unit + "专属网格", GridKind.SPECIAL, kind, v.id(), v.townId(), unit, null,
					unit + "党支部", List.of(worker), rectangle(c.x - halfLon, c.y - halfLat, c.x + halfLon, c.y + halfLat)));
			workers.add(new Worker(worker, unit + "专属网格员", v.id()));
		}
		return new Geography(grids, divisions, towns, workers);
	}

	/** West-to-east position of the k-th village strip boundary. */
	private static double lon(int k, int total) {
		return WEST + (EAST - WEST) * k / total;
	}

	/** n cells in rows; dividers slant and bend at mid-height, shared exactly by neighbouring cells. */
	private static List<Grid> tile(Village v, String division, int n, double x0, double x1, double y0, double y1,
			Random random) {
		int rows = (int) Math.ceil(Math.sqrt(n));
		int perRow = n / rows;
		int longer = n % rows;
		List<Grid> out = new ArrayList<>();
		int seq = 1;
		for (int r = 0; r < rows; r++) {
			int k = perRow + (r < longer ? 1 : 0);
			double ya = y0 + (y1 - y0) * r / rows;
			double yb = y0 + (y1 - y0) * (r + 1) / rows;
			double ym = (ya + yb) / 2;
			double w = (x1 - x0) / k;
			double[] bottom = new double[k + 1];
			double[] middle = new double[k + 1];
			double[] top = new double[k + 1];
			for (int j = 0; j <= k; j++) {
				double x = x0 + (x1 - x0) * j / k;
				boolean edge = j == 0 || j == k;
				bottom[j] = edge ? (j == 0 ? x0 : x1) : x + jitter(random, w);
				middle[j] = edge ? (j == 0 ? x0 : x1) : x + jitter(random, w);
				top[j] = edge ? (j == 0 ? x0 : x1) : x + jitter(random, w);
			}
			for (int j = 0; j < k; j++) {
				Polygon cell = GeoJsonGrids.GEOMETRY.createPolygon(new Coordinate[] { new Coordinate(bottom[j], ya),
						new Coordinate(bottom[j + 1], ya), new Coordinate(middle[j + 1], ym), new Coordinate(top[j + 1], yb),
						new Coordinate(top[j], yb), new Coordinate(middle[j], ym), new Coordinate(bottom[j], ya) });
				String worker = v.code().equals("tanshan-01") && seq == 1 ? "grid-tanshan-01"
						: "grid-" + v.code() + "-" + String.format("%02d", seq);
				out.add(new Grid(GridCode.of(division, seq), v.name() + "第" + seq + "网格", GridKind.BASIC, null, v.id(),
						v.townId(), null, 150 + random.nextInt(450), v.name() + "第" + seq + "网格党支部", List.of(worker),
						cell));
				seq++;
			}
		}
		return out;
	}

	private static double jitter(Random random, double cellWidth) {
		return (random.nextDouble() - 0.5) * 0.4 * cellWidth;
	}

	private static String hostUnit(SpecialKind kind, Village v) {
		String root = v.name().replaceAll("(社区|村)$", "");
		return switch (kind) {
			case SCHOOL -> root + "小学";
			case HOSPITAL -> root + (v.name().endsWith("社区") ? "社区卫生服务站" : "村卫生室");
			case MARKET -> root + "农贸市场";
			case INDUSTRIAL_PARK -> root + "工业园";
			case CONSTRUCTION_SITE -> root + "安置房建设工地";
			case OTHER -> root + "重点场所";
		};
	}

	static Polygon rectangle(double minLon, double minLat, double maxLon, double maxLat) {
		return GeoJsonGrids.GEOMETRY.createPolygon(new Coordinate[] { new Coordinate(minLon, minLat),
				new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat), new Coordinate(minLon, maxLat),
				new Coordinate(minLon, minLat) });
	}
}
