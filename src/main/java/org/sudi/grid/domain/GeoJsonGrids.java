package org.sudi.grid.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.Point;

import tools.jackson.databind.JsonNode;

/**
 * Reads and writes grids as a GeoJSON FeatureCollection (RFC 7946: WGS-84, [longitude, latitude]).
 * Reading never throws for bad content: each feature comes back with the problems found in it, so an
 * import can report all of them at once.
 *
 * <p>Feature properties: {@code code} (15 digits), {@code name}, {@code kind} (BASIC | SPECIAL),
 * {@code specialKind} (SCHOOL, HOSPITAL, MARKET, INDUSTRIAL_PARK, CONSTRUCTION_SITE, OTHER; special
 * grids only), {@code village} (the parent village's name or unit code), {@code hostUnit},
 * {@code households}, {@code partyOrganisation}, {@code workers} (usernames).
 */
public final class GeoJsonGrids {

	public static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

	private GeoJsonGrids() {
	}

	/** One feature as read, with what is wrong with it (field → message). */
	public record Feature(int index, String code, String name, String kind, String specialKind, String village,
			String hostUnit, Integer households, String partyOrganisation, List<String> workers, Geometry geometry,
			Map<String, String> problems) {

		/** How messages name this feature: its code and name when it has them. */
		public String label() {
			String c = code == null || code.isBlank() ? "feature #" + (index + 1) : "grid " + code;
			return name == null || name.isBlank() ? c : c + " (" + name + ")";
		}
	}

	public static List<Feature> read(JsonNode root) {
		if (root == null || !"FeatureCollection".equals(text(root, "type")) || !root.path("features").isArray()) {
			throw new IllegalArgumentException("expected a GeoJSON FeatureCollection with a features array");
		}
		List<Feature> features = new ArrayList<>();
		int i = 0;
		for (JsonNode f : root.path("features")) {
			features.add(readFeature(i++, f));
		}
		return features;
	}

	private static Feature readFeature(int index, JsonNode f) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (!"Feature".equals(text(f, "type"))) {
			problems.put("type", "is not a GeoJSON Feature");
		}
		JsonNode p = f.path("properties");
		List<String> workers = new ArrayList<>();
		if (p.path("workers").isArray()) {
			p.path("workers").forEach(w -> workers.add(w.asString()));
		}
		else if (!p.path("workers").isMissingNode() && !p.path("workers").isNull()) {
			problems.put("properties.workers", "must be a list of usernames");
		}
		Integer households = null;
		JsonNode h = p.path("households");
		// canConvertToInt first: Jackson 3's asInt() throws for a number beyond int (found by fuzzing).
		if (h.isIntegralNumber() && h.canConvertToInt() && h.intValue() >= 0) {
			households = h.intValue();
		}
		else if (!h.isMissingNode() && !h.isNull()) {
			problems.put("properties.households", "must be a whole number, 0 or more");
		}
		Geometry geometry = null;
		try {
			geometry = geometry(f.path("geometry"));
		}
		catch (IllegalArgumentException e) {
			problems.put("geometry", e.getMessage());
		}
		return new Feature(index, text(p, "code"), text(p, "name"), text(p, "kind"), text(p, "specialKind"),
				text(p, "village"), text(p, "hostUnit"), households, text(p, "partyOrganisation"), workers, geometry,
				problems);
	}

	/** A Polygon or MultiPolygon; rings must be closed (first position = last) with at least 4 positions. */
	static Geometry geometry(JsonNode g) {
		String type = text(g, "type");
		if (type == null) {
			throw new IllegalArgumentException("has no geometry");
		}
		JsonNode coordinates = g.path("coordinates");
		if (!coordinates.isArray()) {
			throw new IllegalArgumentException("geometry has no coordinates");
		}
		return switch (type) {
			case "Polygon" -> polygon(coordinates, "");
			case "MultiPolygon" -> {
				Polygon[] parts = new Polygon[coordinates.size()];
				if (parts.length == 0) {
					throw new IllegalArgumentException("MultiPolygon has no polygons");
				}
				for (int i = 0; i < parts.length; i++) {
					parts[i] = polygon(coordinates.get(i), "polygon " + (i + 1) + ", ");
				}
				yield GEOMETRY.createMultiPolygon(parts);
			}
			default -> throw new IllegalArgumentException("must be a Polygon or MultiPolygon, not " + type);
		};
	}

	private static Polygon polygon(JsonNode rings, String where) {
		if (!rings.isArray() || rings.isEmpty()) {
			throw new IllegalArgumentException(where + "polygon has no rings");
		}
		LinearRing[] linear = new LinearRing[rings.size()];
		for (int r = 0; r < linear.length; r++) {
			JsonNode ring = rings.get(r);
			String name = where + (r == 0 ? "outer ring" : "hole " + r);
			if (!ring.isArray() || ring.size() < 4) {
				throw new IllegalArgumentException(name + " needs at least 4 positions (a closed triangle)");
			}
			Coordinate[] cs = new Coordinate[ring.size()];
			for (int i = 0; i < cs.length; i++) {
				JsonNode pos = ring.get(i);
				if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()) {
					throw new IllegalArgumentException(name + ", position " + (i + 1) + " is not [longitude, latitude]");
				}
				double lon = pos.get(0).asDouble();
				double lat = pos.get(1).asDouble();
				if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
					throw new IllegalArgumentException(name + ", position " + (i + 1) + " [" + lon + ", " + lat
							+ "] is not a WGS-84 longitude and latitude");
				}
				cs[i] = new Coordinate(lon, lat);
			}
			if (!cs[0].equals2D(cs[cs.length - 1])) {
				throw new IllegalArgumentException(name + " is not closed: its first and last positions differ");
			}
			linear[r] = GEOMETRY.createLinearRing(cs);
		}
		LinearRing[] holes = new LinearRing[linear.length - 1];
		System.arraycopy(linear, 1, holes, 0, holes.length);
		return GEOMETRY.createPolygon(linear[0], holes);
	}

	// ------------------------------------------------------------------ writing

	/** A FeatureCollection of the grids; {@code extra} adds properties per grid (e.g. case counts). */
	public static Map<String, Object> write(List<Grid> grids, Map<Long, String> villageNames, boolean withWorkers,
			java.util.function.Function<Grid, Map<String, Object>> extra) {
		List<Object> features = new ArrayList<>(grids.size());
		for (Grid g : grids) {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("code", g.code());
			properties.put("name", g.name());
			properties.put("kind", g.kind().name());
			if (g.specialKind() != null) {
				properties.put("specialKind", g.specialKind().name());
			}
			properties.put("village", villageNames.getOrDefault(g.villageId(), String.valueOf(g.villageId())));
			properties.put("villageId", g.villageId());
			properties.put("townId", g.townId());
			if (g.hostUnit() != null) {
				properties.put("hostUnit", g.hostUnit());
			}
			if (g.households() != null) {
				properties.put("households", g.households());
			}
			if (g.partyOrganisation() != null) {
				properties.put("partyOrganisation", g.partyOrganisation());
			}
			if (withWorkers) {
				properties.put("workers", g.workers());
			}
			Point inner = g.geometry().getInteriorPoint();
			properties.put("labelPoint", List.of(inner.getX(), inner.getY()));
			if (extra != null) {
				properties.putAll(extra.apply(g));
			}
			Map<String, Object> feature = new LinkedHashMap<>();
			feature.put("type", "Feature");
			feature.put("id", g.code());
			feature.put("geometry", geometry(g.geometry()));
			feature.put("properties", properties);
			features.add(feature);
		}
		Map<String, Object> collection = new LinkedHashMap<>();
		collection.put("type", "FeatureCollection");
		collection.put("features", features);
		return collection;
	}

	static Map<String, Object> geometry(Geometry g) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (g instanceof Polygon p) {
			out.put("type", "Polygon");
			out.put("coordinates", rings(p));
		}
		else if (g instanceof MultiPolygon mp) {
			List<Object> parts = new ArrayList<>();
			for (int i = 0; i < mp.getNumGeometries(); i++) {
				parts.add(rings((Polygon) mp.getGeometryN(i)));
			}
			out.put("type", "MultiPolygon");
			out.put("coordinates", parts);
		}
		else {
			throw new IllegalArgumentException("not a polygon: " + g.getGeometryType());
		}
		return out;
	}

	private static List<Object> rings(Polygon p) {
		List<Object> rings = new ArrayList<>();
		rings.add(positions(p.getExteriorRing().getCoordinates()));
		for (int i = 0; i < p.getNumInteriorRing(); i++) {
			rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
		}
		return rings;
	}

	private static List<double[]> positions(Coordinate[] cs) {
		List<double[]> out = new ArrayList<>(cs.length);
		for (Coordinate c : cs) {
			out.add(new double[] { c.x, c.y });
		}
		return out;
	}

	private static String text(JsonNode node, String field) {
		JsonNode v = node.path(field);
		return v.isString() ? v.asString().strip() : (v.isNumber() ? v.asString() : null);
	}
}
