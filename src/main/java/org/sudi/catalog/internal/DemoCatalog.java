package org.sudi.catalog.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.DemoMode;
import org.sudi.platform.Tsv;

/** Seeds the demo category tree and duty list once, after the demo units exist. */
@Component
@Order(10)
class DemoCatalog implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoCatalog.class);

	private final DemoMode demo;
	private final JdbcCatalog catalog;
	private final OrgUnits orgUnits;
	private final TransactionTemplate tx;

	DemoCatalog(DemoMode demo, JdbcCatalog catalog, OrgUnits orgUnits, TransactionTemplate tx) {
		this.demo = demo;
		this.catalog = catalog;
		this.orgUnits = orgUnits;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demo.enabled() && catalog.isEmpty()) {
			tx.executeWithoutResult(s -> seed());
			log.info("Seeded the demo categories and duty list");
		}
	}

	private void seed() {
		int order = 0;
		for (Map<String, String> row : Tsv.readResource("demo/categories.tsv")) {
			String parent = row.get("parent_code");
			catalog.insertCategory(row.get("code"), row.get("name"), parent.isEmpty() ? null : parent, order++);
		}
		for (Map<String, String> row : Tsv.readResource("demo/duties.tsv")) {
			OrgUnit org = orgUnits.findByCode(row.get("org_code"))
				.orElseThrow(() -> new IllegalStateException("Unknown unit in demo duty list: " + row.get("org_code")));
			catalog.insertDuty(org.id(), row.get("title"), split(row.get("keywords")), split(row.get("category_codes")));
		}
	}

	private static List<String> split(String cell) {
		return Arrays.stream(cell.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}
}
