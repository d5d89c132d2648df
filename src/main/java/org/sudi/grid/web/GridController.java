package org.sudi.grid.web;

import java.time.LocalDate;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.grid.GridKind;
import org.sudi.grid.internal.GridService;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Grids", description = "网格: locate a point, grids as GeoJSON, import/export, case map")
class GridController {

	private final GridService grids;

	GridController(GridService grids) {
		this.grids = grids;
	}

	@GetMapping("/locate")
	@Operation(summary = "Where a WGS-84 point lies: town, village, basic grid, special grids")
	GridService.Located locate(Actor actor, @RequestParam @DecimalMin("-90") @DecimalMax("90") double lat,
			@RequestParam @DecimalMin("-180") @DecimalMax("180") double lon) {
		return grids.locate(lat, lon);
	}

	@GetMapping("/grids")
	@Operation(summary = "Grids as a GeoJSON FeatureCollection", description = "bbox=minLon,minLat,maxLon,maxLat; kind=BASIC|SPECIAL")
	Map<String, Object> list(Actor actor, @RequestParam(required = false) String bbox,
			@RequestParam(required = false) GridKind kind) {
		return grids.geoJson(actor, bbox(bbox), kind);
	}

	@GetMapping("/grids/mine")
	@Operation(summary = "A grid worker's own grids, as GeoJSON")
	Map<String, Object> mine(Actor actor) {
		return grids.mine(actor);
	}

	@GetMapping("/grids/export")
	@Operation(summary = "ADMIN: every grid as a GeoJSON file that the import takes back")
	ResponseEntity<Map<String, Object>> export(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only an administrator may export the grids");
		}
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"grids.geojson\"")
			.body(grids.geoJson(actor, null, null));
	}

	@PostMapping("/grids/import")
	@Operation(summary = "ADMIN: import a GeoJSON FeatureCollection of grids, all or nothing",
			description = "New codes are added and known codes replaced. Any problem (bad polygon, overlap of basic grids, "
					+ "unknown parent village or worker, bad code) rejects the whole file with one message per problem.")
	GridService.ImportResult importGrids(Actor actor, @RequestBody JsonNode body) {
		return grids.importGeoJson(actor, body);
	}

	@GetMapping("/map/grids")
	@Operation(summary = "Case counts per grid for a period, as GeoJSON (property caseCount)",
			description = "from/to: ISO dates, inclusive (default: the last 30 days)")
	Map<String, Object> caseMap(Actor actor, @RequestParam(required = false) String bbox,
			@RequestParam(required = false) GridKind kind, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to) {
		return grids.caseMap(actor, bbox(bbox), kind, from, to);
	}

	static Envelope bbox(String bbox) {
		if (bbox == null || bbox.isBlank()) {
			return null;
		}
		String[] parts = bbox.split(",");
		if (parts.length != 4) {
			throw new InvalidInputException("bbox", "must be minLon,minLat,maxLon,maxLat");
		}
		try {
			double minLon = Double.parseDouble(parts[0].strip());
			double minLat = Double.parseDouble(parts[1].strip());
			double maxLon = Double.parseDouble(parts[2].strip());
			double maxLat = Double.parseDouble(parts[3].strip());
			if (minLon > maxLon || minLat > maxLat) {
				throw new InvalidInputException("bbox", "min must not exceed max");
			}
			return new Envelope(minLon, maxLon, minLat, maxLat);
		}
		catch (NumberFormatException e) {
			throw new InvalidInputException("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat");
		}
	}
}
