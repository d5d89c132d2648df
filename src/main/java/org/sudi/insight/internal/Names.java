package org.sudi.insight.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;

/** Names of towns, units and categories for the screen, re-read at most once a minute. */
@Component
class Names {

	private final OrgUnits orgUnits;
	private final Catalog catalog;
	private volatile Map<Long, OrgUnit> units = Map.of();
	private volatile Map<String, Category> categories = Map.of();
	private volatile Instant loadedAt = Instant.EPOCH;

	Names(OrgUnits orgUnits, Catalog catalog) {
		this.orgUnits = orgUnits;
		this.catalog = catalog;
	}

	private void refresh() {
		Instant now = Instant.now();
		if (Duration.between(loadedAt, now).toSeconds() < 60 && !units.isEmpty()) {
			return;
		}
		Map<Long, OrgUnit> u = new HashMap<>();
		orgUnits.all().forEach(x -> u.put(x.id(), x));
		Map<String, Category> c = new HashMap<>();
		catalog.categories().forEach(x -> c.put(x.code(), x));
		units = u;
		categories = c;
		loadedAt = now;
	}

	Map<Long, OrgUnit> units() {
		refresh();
		return units;
	}

	String town(Long id) {
		if (id == null) {
			return null;
		}
		OrgUnit u = units().get(id);
		return u == null ? null : u.name();
	}

	String units(List<Long> ids) {
		return ids.stream().map(id -> units().get(id)).filter(u -> u != null).map(OrgUnit::name)
			.collect(Collectors.joining("、"));
	}

	String category(String code) {
		if (code == null) {
			return null;
		}
		refresh();
		Category c = categories.get(code);
		return c == null ? code : c.name();
	}

	/** The first-level category of a code (itself at the first level). */
	String topLevel(String code) {
		refresh();
		Category c = categories.get(code);
		return c == null || c.parentCode() == null ? code : c.parentCode();
	}
}
