package org.sudi;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package of org.sudi is a module; modules only use each other's API packages (the
 * top-level package) and there are no cycles. Also writes the module diagrams to target/.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(SudiApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void writeDocumentation() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}
}
