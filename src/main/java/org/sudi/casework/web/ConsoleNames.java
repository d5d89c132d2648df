package org.sudi.casework.web;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;

/** Names of units and categories for the pages, read once per request (two small queries). */
@Component
class ConsoleNames {

	private final OrgUnits orgUnits;
	private final Catalog catalog;

	ConsoleNames(OrgUnits orgUnits, Catalog catalog) {
		this.orgUnits = orgUnits;
		this.catalog = catalog;
	}

	Names load() {
		Map<Long, OrgUnit> orgs = new LinkedHashMap<>();
		orgUnits.all().forEach(o -> orgs.put(o.id(), o));
		Map<String, Category> categories = new LinkedHashMap<>();
		catalog.categories().forEach(c -> categories.put(c.code(), c));
		return new Names(orgs, categories);
	}

	/** What the templates call: {@code names.org(id)}, {@code names.towns()}, … */
	public record Names(Map<Long, OrgUnit> orgs, Map<String, Category> categories) {

		public String org(Long id) {
			OrgUnit o = id == null ? null : orgs.get(id);
			return o == null ? (id == null ? "" : "#" + id) : o.name();
		}

		public String category(String code) {
			if (code == null) {
				return "";
			}
			Category c = categories.get(code);
			if (c == null) {
				return code;
			}
			Category parent = c.parentCode() == null ? null : categories.get(c.parentCode());
			return parent == null ? c.name() : parent.name() + " / " + c.name();
		}

		public List<OrgUnit> towns() {
			return ofKind(OrgKind.TOWN);
		}

		public List<OrgUnit> departments() {
			return ofKind(OrgKind.DEPARTMENT);
		}

		/** Units that can be given a task: departments first, then towns with their villages. */
		public List<OrgUnit> taskUnits() {
			return orgs.values().stream().filter(o -> o.kind().canHandleTasks())
				.sorted(Comparator.comparing((OrgUnit o) -> o.kind() == OrgKind.DEPARTMENT ? 0 : 1)
					.thenComparing(o -> o.kind() == OrgKind.VILLAGE ? o.parentId() : o.id())
					.thenComparing(o -> o.kind() == OrgKind.VILLAGE ? 1 : 0)
					.thenComparing(OrgUnit::id))
				.toList();
		}

		/** The town itself and its villages: where a town may accept a case to. */
		public List<OrgUnit> townAndVillages(Long townId) {
			return orgs.values().stream()
				.filter(o -> o.id() == (townId == null ? -1 : townId) || (townId != null && o.isVillageOf(townId)))
				.toList();
		}

		public List<OrgUnit> ofKind(OrgKind kind) {
			return orgs.values().stream().filter(o -> o.kind() == kind).toList();
		}

		public List<Category> topCategories() {
			return categories.values().stream().filter(c -> c.parentCode() == null).toList();
		}

		public List<Category> allCategories() {
			return List.copyOf(categories.values());
		}
	}
}
