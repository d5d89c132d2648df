package org.sudi.assessment.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.assessment.internal.AccountabilityRegister;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Accountability", description = "问责: the register of accountability records")
class AccountabilityController {

	private final AccountabilityRegister register;

	AccountabilityController(AccountabilityRegister register) {
		this.register = register;
	}

	@GetMapping("/api/v1/accountability")
	@Operation(summary = "All accountability records, newest first (DISCIPLINE, LEADER, DISPATCHER, ADMIN)")
	List<AccountabilityRegister.Record> list(Actor actor) {
		if (!actor.hasAny(Role.DISCIPLINE, Role.LEADER, Role.DISPATCHER, Role.ADMIN)) {
			throw new ForbiddenException("Only discipline inspectors, leaders, the command centre and administrators "
					+ "may read accountability records");
		}
		return register.all();
	}
}
