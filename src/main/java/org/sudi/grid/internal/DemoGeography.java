package org.sudi.grid.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.directory.AccountRegistry;
import org.sudi.directory.AccountRegistry.NewAccount;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.DemoMode;

/**
 * Seeds the demo geography once, in demo mode, after the demo units exist: the generated grids with
 * their grid-worker accounts (one transaction, so a failed start leaves nothing half-seeded), and the
 * patrol checklist.
 */
@Component
@Order(20)
class DemoGeography implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoGeography.class);

	private final DemoMode demo;
	private final JdbcGrids grids;
	private final GridService service;
	private final OrgUnits orgUnits;
	private final AccountRegistry accounts;
	private final PatrolChecklist checklist;
	private final GridGeography geography;
	private final TransactionTemplate tx;

	DemoGeography(DemoMode demo, JdbcGrids grids, GridService service, OrgUnits orgUnits, AccountRegistry accounts,
			PatrolChecklist checklist, GridGeography geography, TransactionTemplate tx) {
		this.demo = demo;
		this.grids = grids;
		this.service = service;
		this.orgUnits = orgUnits;
		this.accounts = accounts;
		this.checklist = checklist;
		this.geography = geography;
		this.tx = tx;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (demo.enabled() && orgUnits.findByCode("yicheng").isPresent()) {
			if (grids.isEmpty()) {
				long started = System.nanoTime();
				DemoGeographyGenerator.Geography g = DemoGeographyGenerator.generate(villages());
				tx.executeWithoutResult(s -> {
					List<NewAccount> workers = new ArrayList<>();
					for (DemoGeographyGenerator.Worker w : g.workers()) {
						workers.add(new NewAccount(w.username(), w.displayName(), w.villageId(), null,
								EnumSet.of(Role.GRID_WORKER)));
					}
					accounts.registerWithDemoPassword(workers);
					service.write(g.grids(), g.divisions(), g.townOfVillage());
				});
				log.info("Seeded the demo geography: {} grids and their grid workers in {} ms", g.grids().size(),
						(System.nanoTime() - started) / 1_000_000);
			}
			if (checklist.isEmpty()) {
				tx.executeWithoutResult(s -> checklist.seedDemo());
				log.info("Seeded the demo patrol checklist");
			}
		}
		geography.refresh(false);
	}

	private List<DemoGeographyGenerator.Village> villages() {
		List<OrgUnit> all = orgUnits.all();
		Map<Long, OrgUnit> byId = new HashMap<>();
		all.forEach(o -> byId.put(o.id(), o));
		List<DemoGeographyGenerator.Village> villages = new ArrayList<>();
		for (OrgUnit v : all) {
			if (v.kind() == OrgKind.VILLAGE && v.parentId() != null) {
				OrgUnit town = byId.get(v.parentId());
				villages.add(new DemoGeographyGenerator.Village(v.id(), v.code(), v.name(), town.id(), town.code(),
						town.name()));
			}
		}
		return villages;
	}
}
