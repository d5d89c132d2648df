package org.sudi.grid.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.locationtech.jts.geom.Envelope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.directory.AccountRegistry;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.grid.GridKind;
import org.sudi.grid.GridsChanged;
import org.sudi.grid.Placement;
import org.sudi.grid.domain.GeoJsonGrids;
import org.sudi.grid.domain.Grid;
import org.sudi.grid.domain.GridImport;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

import tools.jackson.databind.JsonNode;

/** Grid use cases: locate, read as GeoJSON, import (ADMIN), a worker's own grids, case counts for maps. */
@Service
public class GridService {

	/** What an import did. */
	public record ImportResult(int imported, int created, int updated, long version, List<String> warnings) {
	}

	/** A located point, with names. */
	public record Located(boolean inDistrict, Unit town, Unit village, GridSummary basicGrid, List<GridSummary> specialGrids) {
	}

	public record Unit(long id, String name) {
	}

	public record GridSummary(String code, String name, GridKind kind, String specialKind, long villageId, long townId) {
	}

	private final GridGeography geography;
	private final JdbcGrids grids;
	private final OrgUnits orgUnits;
	private final AccountRegistry accounts;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final AuditTrail audit;

	GridService(GridGeography geography, JdbcGrids grids, OrgUnits orgUnits, AccountRegistry accounts,
			ApplicationEventPublisher events, Clock clock, AuditTrail audit) {
		this.audit = audit;
		this.geography = geography;
		this.grids = grids;
		this.orgUnits = orgUnits;
		this.accounts = accounts;
		this.events = events;
		this.clock = clock;
	}

	public Located locate(double lat, double lon) {
		Placement p = geography.locate(lat, lon);
		Map<Long, String> names = unitNames();
		return new Located(p.inDistrict(), unit(p.townId(), names), unit(p.villageId(), names),
				p.basicGrid() == null ? null : summary(p.basicGrid()),
				p.specialGrids().stream().map(GridService::summary).toList());
	}

	/** The grids meeting the box (all grids without one) as a GeoJSON FeatureCollection. */
	public Map<String, Object> geoJson(Actor actor, Envelope box, GridKind kind) {
		return GeoJsonGrids.write(select(box, kind), unitNames(), isStaff(actor), null);
	}

	/**
	 * The grids meeting the box with the number of cases submitted in them in [from, to] (days in the
	 * district's time zone; by default the 30 days up to today), as the property {@code caseCount}.
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> caseMap(Actor actor, Envelope box, GridKind kind, LocalDate from, LocalDate to) {
		if (!actor.hasAny(Role.DISPATCHER, Role.LEADER, Role.DISCIPLINE, Role.ADMIN, Role.HOTLINE, Role.TOWN_OPERATOR)) {
			throw new ForbiddenException("Only the command centre, leaders and towns see the case map");
		}
		to = to == null ? LocalDate.now(clock) : to;
		from = from == null ? to.minusDays(29) : from;
		if (from.isAfter(to)) {
			throw new InvalidInputException("from", "must not be after to");
		}
		Map<String, Long> counts = grids.caseCounts(from, to);
		Map<String, Object> collection = GeoJsonGrids.write(select(box, kind), unitNames(), false,
				g -> Map.of("caseCount", counts.getOrDefault(g.code(), 0L)));
		collection.put("period", Map.of("from", from.toString(), "to", to.toString()));
		return collection;
	}

	/** The grids the actor works as grid worker, as GeoJSON. */
	public Map<String, Object> mine(Actor actor) {
		Set<String> codes = grids.gridsOf(actor.username());
		List<Grid> own = codes.stream().map(c -> geography.index().byCode(c)).flatMap(Optional::stream).toList();
		return GeoJsonGrids.write(own, unitNames(), true, null);
	}

	private List<Grid> select(Envelope box, GridKind kind) {
		List<Grid> found = box == null ? geography.index().grids() : geography.index().within(box);
		return kind == null ? found : found.stream().filter(g -> g.kind() == kind).toList();
	}

	/**
	 * Imports a GeoJSON FeatureCollection of grids (ADMIN): new codes are added, known codes replaced.
	 * Checked as a whole first; any problem rejects everything (400, one message per problem).
	 */
	@Transactional
	public ImportResult importGeoJson(Actor actor, JsonNode body) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only an administrator may import grids");
		}
		List<GeoJsonGrids.Feature> features;
		try {
			features = GeoJsonGrids.read(body);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInputException("body", e.getMessage());
		}
		// One import at a time across all nodes: the overlap check must see the grids it will sit beside.
		grids.lockGeography();
		List<Grid> existing = grids.all();
		GridImport.Plan plan = GridImport.check(features, district(existing));
		Set<String> known = new java.util.HashSet<>();
		existing.forEach(g -> known.add(g.code()));
		int updated = (int) plan.grids().stream().filter(g -> known.contains(g.code())).count();
		long version = grids.write(plan.grids(), plan.newDivisions(), plan.townOfVillage(), clock.instant());
		events.publishEvent(new GridsChanged(version, plan.grids().size(), clock.instant()));
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "grid",
				"GeoJSON grid import: " + (plan.grids().size() - updated) + " added, " + updated + " replaced, version " + version);
		return new ImportResult(plan.grids().size(), plan.grids().size() - updated, updated, version, plan.warnings());
	}

	/** Writes generated or checked grids (demo seeding) and announces the change. */
	@Transactional
	public long write(List<Grid> all, Map<Long, String> divisions, Map<Long, Long> towns) {
		Instant now = clock.instant();
		long version = grids.write(all, divisions, towns, now);
		events.publishEvent(new GridsChanged(version, all.size(), now));
		return version;
	}

	private GridImport.District district(List<Grid> existing) {
		List<OrgUnit> villages = orgUnits.all().stream().filter(o -> o.kind() == OrgKind.VILLAGE).toList();
		Map<Long, String> divisions = grids.divisions();
		Map<String, Long> villageOfDivision = new HashMap<>();
		divisions.forEach((v, d) -> villageOfDivision.put(d, v));
		return new GridImport.District() {
			@Override
			public List<GridImport.Village> villages(String ref) {
				String r = ref.strip();
				List<GridImport.Village> found = new ArrayList<>();
				for (OrgUnit v : villages) {
					if (v.code().equalsIgnoreCase(r) || v.name().equals(r)) {
						found.add(new GridImport.Village(v.id(), v.code(), v.name(), v.parentId()));
					}
				}
				return found;
			}

			@Override
			public Optional<String> divisionOf(long villageId) {
				return Optional.ofNullable(divisions.get(villageId));
			}

			@Override
			public Optional<Long> villageOfDivision(String division) {
				return Optional.ofNullable(villageOfDivision.get(division));
			}

			@Override
			public boolean isGridWorker(String username) {
				return accounts.find(username.toLowerCase(Locale.ROOT)).map(a -> a.enabled() && a.has(Role.GRID_WORKER))
					.orElse(false);
			}

			@Override
			public List<Grid> existing() {
				return existing;
			}
		};
	}

	private Map<Long, String> unitNames() {
		Map<Long, String> names = new HashMap<>();
		orgUnits.all().forEach(o -> names.put(o.id(), o.name()));
		return names;
	}

	private static Unit unit(Long id, Map<Long, String> names) {
		return id == null ? null : new Unit(id, names.get(id));
	}

	private static GridSummary summary(org.sudi.grid.GridRef r) {
		return new GridSummary(r.code(), r.name(), r.kind(), r.specialKind() == null ? null : r.specialKind().name(),
				r.villageId(), r.townId());
	}

	/** Staff see who the grid workers are; citizens and enterprises see the grids only. */
	static boolean isStaff(Actor actor) {
		return !actor.roles().isEmpty() && !actor.hasAny(Role.CITIZEN, Role.ENTERPRISE);
	}
}
