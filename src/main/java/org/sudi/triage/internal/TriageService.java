package org.sudi.triage.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CasePort;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;
import org.sudi.triage.Suggestions;

/** The triage use cases with their permissions: suggest, import history, rebuild, duplicates, hot spots. */
@Service
public class TriageService {

	public record ImportReport(int imported, List<HistoryImport.Problem> rejected) {
	}

	public record Duplicate(UUID caseId, String trackingNo, String title, Double distanceMeters, double similarity,
			Instant createdAt) {
	}

	public record HotSpot(String categoryCode, String categoryName, Long townId, Double lat, Double lon, int count,
			List<String> trackingNos, List<String> sampleTitles) {
	}

	private final TriageEngine engine;
	private final TriageHistory history;
	private final TriageCases cases;
	private final CasePort casework;
	private final Catalog catalog;
	private final OrgUnits orgUnits;
	private final Clock clock;
	private final double radiusMeters;
	private final Duration window;
	private final double minSimilarity;

	TriageService(TriageEngine engine, TriageHistory history, TriageCases cases, CasePort casework, Catalog catalog,
			OrgUnits orgUnits, Clock clock, @Value("${sudi.triage.duplicate-radius-meters:300}") double radiusMeters,
			@Value("${sudi.triage.duplicate-window:7d}") Duration window,
			@Value("${sudi.triage.duplicate-similarity:0.3}") double minSimilarity) {
		this.engine = engine;
		this.history = history;
		this.cases = cases;
		this.casework = casework;
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.clock = clock;
		this.radiusMeters = radiusMeters;
		this.window = window;
		this.minSimilarity = minSimilarity;
	}

	public Suggestions suggest(Actor actor, String title, String description, Double lat, Double lon) {
		require(actor, Role.DISPATCHER, Role.HOTLINE, Role.TOWN_OPERATOR, Role.LEADER, Role.ADMIN);
		if ((title == null || title.isBlank()) && (description == null || description.isBlank())) {
			throw new InvalidInputException("description", "give a title or a description to suggest from");
		}
		return engine.suggest(title, description, lat, lon);
	}

	/** Imports history all or nothing: any problem rejects the file, with every problem listed. */
	@Transactional
	public ImportReport importHistory(Actor actor, String content) {
		require(actor, Role.ADMIN);
		HistoryImport.Result result = HistoryImport.parse(content, catalog.categories(), orgUnits.all());
		if (!result.problems().isEmpty()) {
			return new ImportReport(0, result.problems());
		}
		history.add(result.entries(), "IMPORT", clock.instant());
		return new ImportReport(result.entries().size(), List.of());
	}

	public TriageEngine.Built rebuild(Actor actor) {
		require(actor, Role.ADMIN, Role.DISPATCHER);
		return engine.rebuild();
	}

	/**
	 * Open cases near the given one (within the radius, or in the same town when it has no point),
	 * submitted within the window around it, whose text is similar enough: possible duplicates for the
	 * dispatcher to merge.
	 */
	@Transactional(readOnly = true)
	public List<Duplicate> duplicates(Actor actor, UUID caseId) {
		var summary = casework.find(actor, caseId).orElseThrow(() -> new NotFoundException("Case", caseId));
		boolean townOfCase = actor.has(Role.TOWN_OPERATOR) && actor.worksIn(summary.townId());
		if (!townOfCase && !actor.hasAny(Role.DISPATCHER, Role.HOTLINE, Role.LEADER, Role.ADMIN)) {
			throw new ForbiddenException("Duplicates are for the command centre and the case's town");
		}
		TriageCases.Known of = cases.find(caseId).orElseThrow(() -> new NotFoundException("Case", caseId));
		double latDelta = radiusMeters / 111_320.0;
		double lonDelta = radiusMeters / (111_320.0 * Math.cos(Math.toRadians(of.lat() == null ? 0 : of.lat())));
		List<Duplicate> found = new ArrayList<>();
		for (TriageCases.Known other : cases.candidates(of, of.createdAt().minus(window), of.createdAt().plus(window),
				latDelta, lonDelta)) {
			Double distance = of.lat() == null || other.lat() == null ? null
					: meters(of.lat(), of.lon(), other.lat(), other.lon());
			if (distance != null && distance > radiusMeters) {
				continue;
			}
			double similarity = TextSimilarity.dice(of.text(), other.text());
			if (similarity >= minSimilarity) {
				found.add(new Duplicate(other.caseId(), other.trackingNo(), other.title(), distance,
						Math.round(similarity * 1000) / 1000.0, other.createdAt()));
			}
		}
		found.sort(Comparator.comparingDouble(Duplicate::similarity).reversed());
		return found;
	}

	/**
	 * Hot spots (每月一题): requests of one category close together (the same ~500 m cell, or the same
	 * town when they have no point) in a period, the largest first.
	 */
	@Transactional(readOnly = true)
	public List<HotSpot> hotSpots(Actor actor, Instant from, Instant to, int minSize) {
		require(actor, Role.DISPATCHER, Role.HOTLINE, Role.LEADER, Role.DISCIPLINE, Role.ADMIN);
		if (!to.isAfter(from)) {
			throw new InvalidInputException("to", "must be after from");
		}
		Map<String, String> names = catalog.categories().stream().collect(Collectors.toMap(Category::code, Category::name));
		Map<String, List<TriageCases.Known>> groups = new HashMap<>();
		for (TriageCases.Known k : cases.between(from, to)) {
			String area = k.lat() != null ? Math.round(k.lat() / 0.005) + ":" + Math.round(k.lon() / 0.005)
					: "town:" + k.townId();
			groups.computeIfAbsent((k.categoryCode() == null ? "-" : k.categoryCode()) + "|" + area, g -> new ArrayList<>())
				.add(k);
		}
		return groups.values().stream()
			.filter(g -> g.size() >= minSize)
			.map(g -> {
				TriageCases.Known first = g.get(0);
				List<TriageCases.Known> located = g.stream().filter(k -> k.lat() != null).toList();
				Double lat = located.isEmpty() ? null : located.stream().mapToDouble(TriageCases.Known::lat).average().orElseThrow();
				Double lon = located.isEmpty() ? null : located.stream().mapToDouble(TriageCases.Known::lon).average().orElseThrow();
				return new HotSpot(first.categoryCode(), names.get(first.categoryCode()), first.townId(), lat, lon, g.size(),
						g.stream().map(TriageCases.Known::trackingNo).toList(),
						g.stream().map(TriageCases.Known::title).distinct().limit(5).toList());
			})
			.sorted(Comparator.comparingInt(HotSpot::count).reversed())
			.toList();
	}

	/** Great-circle distance in meters. */
	static double meters(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
				* Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 6_371_000 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
	}

	private static void require(Actor actor, Role... roles) {
		if (!actor.hasAny(roles)) {
			throw new ForbiddenException("Triage help is for the command centre, hotline, towns and leaders");
		}
	}
}
