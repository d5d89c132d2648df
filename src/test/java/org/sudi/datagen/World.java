package org.sudi.datagen;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.sudi.casework.Rating;
import org.sudi.casework.domain.DeadlineRules;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.catalog.DutyItem;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimits;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.grid.Locator;
import org.sudi.grid.Placement;

/**
 * What the generator takes from the running application: the district's units, categories, duty list
 * and grids, and the deadline rules and calendar the aggregate is timed with (the very beans the
 * application uses, so deadlines are what the application would have set).
 */
final class World {

	/** The demo district's rectangle (DemoGeographyGenerator): points are drawn in it and located. */
	static final double WEST = 117.41, EAST = 117.77, SOUTH = 34.63, NORTH = 34.91;

	record Place(long townId, long villageId, String gridCode, List<String> specialGridCodes, double lat, double lon,
			String address) {
	}

	final OrgUnit centre;
	final List<OrgUnit> towns = new ArrayList<>();
	final List<OrgUnit> departments = new ArrayList<>();
	final Map<Long, List<OrgUnit>> villagesOf = new HashMap<>();
	final Map<Long, OrgUnit> units = new HashMap<>();
	final List<String> leafCategories = new ArrayList<>();
	final Map<String, List<String>> childrenOfTopName = new HashMap<>();
	final Map<String, List<DutyItem>> dutiesByCategory = new HashMap<>();
	final List<Place> places = new ArrayList<>();
	final DeadlineRules rules;
	final TimeLimits limits;
	final TimeLimit longOverdue;
	final Rating assumedRating;
	final ZoneId zone;
	final Clock clock;
	final Texts texts;
	/** Requester names and phones are stored sealed, phones also as their keyed hash (ADR 0028). */
	final org.sudi.platform.PersonalData personalData;

	World(ApplicationContext ctx, Texts texts, long seed) {
		this.texts = texts;
		this.personalData = ctx.getBean(org.sudi.platform.PersonalData.class);
		OrgUnits orgs = ctx.getBean(OrgUnits.class);
		OrgUnit c = null;
		for (OrgUnit u : orgs.all()) {
			units.put(u.id(), u);
			switch (u.kind()) {
				case COMMAND_CENTER -> c = u;
				case TOWN -> towns.add(u);
				case DEPARTMENT -> departments.add(u);
				case VILLAGE -> villagesOf.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
				default -> {
				}
			}
		}
		if (c == null || towns.isEmpty() || departments.isEmpty()) {
			throw new IllegalStateException("The database holds no district (run with the demo district seeded)");
		}
		centre = c;
		Catalog catalog = ctx.getBean(Catalog.class);
		Map<String, String> topNames = new HashMap<>();
		List<Category> all = catalog.categories();
		for (Category cat : all) {
			if (cat.parentCode() == null) {
				topNames.put(cat.code(), cat.name());
			}
		}
		for (Category cat : all) {
			if (cat.parentCode() != null) {
				leafCategories.add(cat.code());
				childrenOfTopName.computeIfAbsent(topNames.get(cat.parentCode()), k -> new ArrayList<>()).add(cat.code());
			}
		}
		for (DutyItem d : catalog.searchDuties(null, "", Integer.MAX_VALUE)) {
			OrgUnit u = units.get(d.orgId());
			if (u == null || u.kind() != OrgKind.DEPARTMENT) {
				continue;
			}
			for (String code : d.categoryCodes()) {
				dutiesByCategory.computeIfAbsent(code, k -> new ArrayList<>()).add(d);
			}
		}
		rules = ctx.getBean(DeadlineRules.class);
		limits = ctx.getBean(TimeLimits.class);
		Environment env = ctx.getEnvironment();
		longOverdue = TimeLimit.parse(env.getProperty("sudi.clock.long-overdue", "5wd"));
		assumedRating = Rating.valueOf(env.getProperty("sudi.clock.unevaluated-rating", "NOT_GIVEN"));
		clock = ctx.getBean(Clock.class);
		zone = clock.getZone();
		Locator locator = ctx.getBean(Locator.class);
		SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
		for (int tries = 0; places.size() < 20_000 && tries < 200_000; tries++) {
			double lat = SOUTH + rnd.nextDouble() * (NORTH - SOUTH);
			double lon = WEST + rnd.nextDouble() * (EAST - WEST);
			Placement p = locator.locate(lat, lon);
			if (!p.inDistrict() || p.villageId() == null || p.townId() == null) {
				continue;
			}
			OrgUnit town = units.get(p.townId());
			OrgUnit village = units.get(p.villageId());
			String address = (town == null ? "" : town.name()) + (village == null ? "" : village.name())
					+ (p.basicGrid() == null ? "" : p.basicGrid().name()) + "附近";
			places.add(new Place(p.townId(), p.villageId(), p.basicGridCode(), p.specialGridCodes(),
					Math.round(lat * 1e6) / 1e6, Math.round(lon * 1e6) / 1e6, address));
		}
		if (places.isEmpty()) {
			throw new IllegalStateException("No point of the district lies in a grid: are the demo grids seeded?");
		}
	}
}
