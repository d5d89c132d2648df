package org.sudi.catalog.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.Category;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalog", description = "Categories and the duty list")
class CatalogController {

	private final Catalog catalog;

	CatalogController(Catalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/api/v1/categories")
	@Operation(summary = "The two-level category tree, first level first")
	List<Category> categories(Actor actor) {
		return catalog.categories();
	}

	@GetMapping("/api/v1/duties")
	@Operation(summary = "Search the duty list of one unit or all units")
	List<DutyItem> duties(Actor actor, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) String q,
			@RequestParam(defaultValue = "200") int limit) {
		return catalog.searchDuties(orgId, q, Math.max(1, Math.min(limit, 1000)));
	}
}
