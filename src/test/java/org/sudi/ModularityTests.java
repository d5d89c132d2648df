package org.sudi;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

	/**
	 * Modules talk through synchronous listeners in the publishing transaction (ADRs 0005, 0023): a
	 * node killed after a commit leaves no half-delivered event. An asynchronous listener would need
	 * Spring Modulith's incomplete publications resubmitted across nodes (ADR 0024) first.
	 */
	@Test
	void noModuleListensAsynchronously() {
		noMethods().should().beAnnotatedWith(org.springframework.modulith.events.ApplicationModuleListener.class)
			.orShould().beAnnotatedWith(org.springframework.scheduling.annotation.Async.class)
			.because("events are delivered in the publishing transaction (ADR 0023); see ADR 0024 before adding one")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("org.sudi"));
	}

	@Test
	void writeDocumentation() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
	}
}
