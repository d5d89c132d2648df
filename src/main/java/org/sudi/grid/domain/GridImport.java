package org.sudi.grid.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.sudi.grid.GridKind;
import org.sudi.grid.SpecialKind;
import org.sudi.platform.InvalidInputException;

/**
 * Checks a GeoJSON import as a whole before anything is written (ADR 0011): every polygon closed and
 * valid; codes of 15 digits, unique, matching the village's division code; the parent village known
 * (by name or unit code); grid workers known; basic grids overlapping no other basic grid (of the file
 * or already stored) by more than {@link #OVERLAP_TOLERANCE_M2}. Any problem rejects the whole import,
 * with one message per problem naming the grid. Gaps between a village's basic grids are warnings.
 */
public final class GridImport {

	/** Overlap of two basic grids tolerated as digitising noise, in m². */
	public static final double OVERLAP_TOLERANCE_M2 = 10.0;

	/** Gaps smaller than this inside a village are not reported, in m². */
	public static final double GAP_TOLERANCE_M2 = 10.0;

	/** A village as the import may name it. */
	public record Village(long id, String code, String name, long townId) {
	}

	/** What the check needs to know about the district besides the file. */
	public interface District {

		/** Villages whose name or unit code is {@code ref} (more than one: the name is ambiguous). */
		List<Village> villages(String ref);

		Optional<String> divisionOf(long villageId);

		Optional<Long> villageOfDivision(String division);

		boolean isGridWorker(String username);

		/** The grids stored now. */
		List<Grid> existing();
	}

	/** What the import will write: the grids, the division codes of villages new to the grids, warnings. */
	public record Plan(List<Grid> grids, Map<Long, String> newDivisions, Map<Long, Long> townOfVillage,
			List<String> warnings) {
	}

	private GridImport() {
	}

	public static Plan check(List<GeoJsonGrids.Feature> features, District district) {
		Map<String, String> errors = new LinkedHashMap<>();
		List<Grid> grids = new ArrayList<>();
		Map<String, Integer> seenCodes = new HashMap<>();
		Map<Long, String> newDivisions = new HashMap<>();
		Map<Long, Long> towns = new HashMap<>();
		Map<String, Long> divisionsInFile = new HashMap<>();
		Map<Grid, GeoJsonGrids.Feature> featureOf = new HashMap<>();

		if (features.isEmpty()) {
			errors.put("features", "the collection has no features");
		}
		for (GeoJsonGrids.Feature f : features) {
			String key = "features[" + f.index() + "]";
			String label = f.label();
			f.problems().forEach((field, message) -> put(errors, key + "." + field, label + ": " + message));

			if (f.code() == null || !GridCode.isValid(f.code())) {
				put(errors, key + ".code", label + ": code must be 15 digits: 370404, town (3), village (3), sequence (3)");
			}
			else if (seenCodes.putIfAbsent(f.code(), f.index()) != null) {
				put(errors, key + ".code", label + ": code is used twice in the file (also feature #"
						+ (seenCodes.get(f.code()) + 1) + ")");
			}
			if (f.name() == null || f.name().isBlank()) {
				put(errors, key + ".name", label + ": name is missing");
			}
			GridKind kind = parse(GridKind.class, f.kind());
			if (kind == null) {
				put(errors, key + ".kind", label + ": kind must be BASIC or SPECIAL");
			}
			SpecialKind specialKind = parse(SpecialKind.class, f.specialKind());
			if (kind == GridKind.SPECIAL && specialKind == null) {
				put(errors, key + ".specialKind", label
						+ ": a special grid needs specialKind (SCHOOL, HOSPITAL, MARKET, INDUSTRIAL_PARK, CONSTRUCTION_SITE, OTHER)");
			}
			if (kind == GridKind.BASIC && f.specialKind() != null) {
				put(errors, key + ".specialKind", label + ": a basic grid has no specialKind");
			}
			if (kind != null && GridCode.isValid(f.code()) && (kind == GridKind.SPECIAL) != GridCode.isSpecialSequence(f.code())) {
				put(errors, key + ".code", label + ": the last 3 digits are 001–899 for a basic grid, 901–999 for a special grid");
			}
			Village village = null;
			if (f.village() == null) {
				put(errors, key + ".village", label + ": the parent village is missing");
			}
			else {
				List<Village> found = district.villages(f.village());
				if (found.isEmpty()) {
					put(errors, key + ".village", label + ": unknown parent village '" + f.village() + "'");
				}
				else if (found.size() > 1) {
					put(errors, key + ".village", label + ": the village name '" + f.village()
							+ "' is ambiguous; give the village's unit code");
				}
				else {
					village = found.get(0);
				}
			}
			if (village != null && GridCode.isValid(f.code())) {
				checkDivision(f, key, label, village, district, divisionsInFile, newDivisions, errors);
				towns.put(village.id(), village.townId());
			}
			for (String worker : f.workers()) {
				if (!district.isGridWorker(worker)) {
					put(errors, key + ".workers", label + ": '" + worker + "' is not a grid worker account");
				}
			}
			Geometry geometry = f.geometry();
			if (geometry != null) {
				TopologyValidationError invalid = new IsValidOp(geometry).getValidationError();
				if (invalid != null) {
					Coordinate at = invalid.getCoordinate();
					put(errors, key + ".geometry", label + ": invalid polygon: " + invalid.getMessage().toLowerCase(Locale.ROOT)
							+ (at == null ? "" : " at [" + at.x + ", " + at.y + "]"));
					geometry = null;
				}
				else if (Areas.squareMetres(geometry) < 1) {
					put(errors, key + ".geometry", label + ": the polygon has no area");
					geometry = null;
				}
			}
			if (geometry != null && kind != null && village != null && f.code() != null && f.name() != null) {
				Grid grid = new Grid(f.code(), f.name().strip(), kind, kind == GridKind.SPECIAL ? specialKind : null,
						village.id(), village.townId(), f.hostUnit(), f.households(), f.partyOrganisation(), f.workers(),
						geometry);
				grids.add(grid);
				featureOf.put(grid, f);
			}
		}
		if (errors.isEmpty()) {
			checkOverlaps(grids, district.existing(), featureOf, errors);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors.size() + " problem(s) in the GeoJSON; nothing was imported", errors);
		}
		return new Plan(grids, newDivisions, towns, gaps(grids, district.existing()));
	}

	private static void checkDivision(GeoJsonGrids.Feature f, String key, String label, Village village,
			District district, Map<String, Long> divisionsInFile, Map<Long, String> newDivisions,
			Map<String, String> errors) {
		String division = GridCode.villageDivision(f.code());
		Optional<String> registered = district.divisionOf(village.id());
		if (registered.isPresent()) {
			if (!registered.get().equals(division)) {
				put(errors, key + ".code", label + ": the code does not belong to village " + village.name()
						+ " (its grids' codes begin with " + registered.get() + ")");
			}
			return;
		}
		Optional<Long> owner = district.villageOfDivision(division);
		Long inFile = divisionsInFile.putIfAbsent(division, village.id());
		if ((owner.isPresent() && owner.get() != village.id()) || (inFile != null && inFile != village.id())) {
			put(errors, key + ".code", label + ": the code's village part " + division
					+ " already belongs to another village");
			return;
		}
		String other = newDivisions.putIfAbsent(village.id(), division);
		if (other != null && !other.equals(division)) {
			put(errors, key + ".code", label + ": grids of village " + village.name()
					+ " must share one village code; found " + other + " and " + division);
		}
	}

	private static void checkOverlaps(List<Grid> incoming, List<Grid> existing, Map<Grid, GeoJsonGrids.Feature> featureOf,
			Map<String, String> errors) {
		Set<String> replaced = new HashSet<>();
		incoming.forEach(g -> replaced.add(g.code()));
		STRtree tree = new STRtree();
		List<Grid> all = new ArrayList<>();
		for (Grid g : existing) {
			if (g.isBasic() && !replaced.contains(g.code())) {
				all.add(g);
			}
		}
		for (Grid g : incoming) {
			if (g.isBasic()) {
				all.add(g);
			}
		}
		for (Grid g : all) {
			tree.insert(g.geometry().getEnvelopeInternal(), g);
		}
		Set<String> reported = new HashSet<>();
		for (Grid a : incoming) {
			if (!a.isBasic()) {
				continue;
			}
			for (Object o : tree.query(a.geometry().getEnvelopeInternal())) {
				Grid b = (Grid) o;
				if (b == a || b.code().equals(a.code())) {
					continue;
				}
				String pair = a.code().compareTo(b.code()) < 0 ? a.code() + b.code() : b.code() + a.code();
				if (reported.contains(pair) || !a.geometry().intersects(b.geometry())) {
					continue;
				}
				double overlap = Areas.squareMetres(a.geometry().intersection(b.geometry()));
				if (overlap > OVERLAP_TOLERANCE_M2) {
					reported.add(pair);
					put(errors, "features[" + featureOf.get(a).index() + "].geometry",
							"basic grids " + a.code() + " (" + a.name() + ") and " + b.code() + " (" + b.name()
									+ ") overlap by " + Math.round(overlap) + " m²");
				}
			}
		}
	}

	/** Holes inside the union of each village's basic grids: places no grid worker covers. */
	private static List<String> gaps(List<Grid> incoming, List<Grid> existing) {
		Map<String, Grid> finalSet = new LinkedHashMap<>();
		existing.forEach(g -> finalSet.put(g.code(), g));
		incoming.forEach(g -> finalSet.put(g.code(), g));
		Set<Long> touched = new HashSet<>();
		incoming.stream().filter(Grid::isBasic).forEach(g -> touched.add(g.villageId()));
		Map<Long, List<Grid>> byVillage = new HashMap<>();
		for (Grid g : finalSet.values()) {
			if (g.isBasic() && touched.contains(g.villageId())) {
				byVillage.computeIfAbsent(g.villageId(), k -> new ArrayList<>()).add(g);
			}
		}
		List<String> warnings = new ArrayList<>();
		byVillage.forEach((villageId, grids) -> {
			Geometry union = UnaryUnionOp.union(grids.stream().map(Grid::geometry).toList());
			for (int i = 0; i < union.getNumGeometries(); i++) {
				Polygon part = (Polygon) union.getGeometryN(i);
				for (int h = 0; h < part.getNumInteriorRing(); h++) {
					Polygon hole = GeoJsonGrids.GEOMETRY.createPolygon(part.getInteriorRingN(h).getCoordinates());
					double area = Areas.squareMetres(hole);
					if (area > GAP_TOLERANCE_M2) {
						Coordinate c = hole.getInteriorPoint().getCoordinate();
						List<String> around = grids.stream().filter(g -> g.geometry().distance(hole) < 1e-9)
							.map(g -> g.code() + " (" + g.name() + ")").sorted().toList();
						warnings.add("gap of " + Math.round(area) + " m² at [" + c.x + ", " + c.y + "] between basic grids "
								+ String.join(", ", around));
					}
				}
			}
		});
		return warnings;
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}

	private static void put(Map<String, String> errors, String key, String message) {
		String k = key;
		for (int n = 2; errors.containsKey(k); n++) {
			k = key + "#" + n;
		}
		errors.put(k, message);
	}
}
