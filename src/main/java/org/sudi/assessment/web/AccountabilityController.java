package org.sudi.assessment.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.assessment.Situation;
import org.sudi.assessment.domain.AccountabilityRecord.Decision;
import org.sudi.assessment.internal.AccountabilityRegister;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Accountability", description = "问责: the register of accountability records and its lifecycle")
class AccountabilityController {

	private final AccountabilityRegister register;

	AccountabilityController(AccountabilityRegister register) {
		this.register = register;
	}

	record OpenBody(@NotNull Long orgId, UUID caseId, @NotNull Situation situation,
			@NotBlank @Size(max = 2000) String reason) {
	}

	record NoteBody(@Size(max = 2000) String note) {
	}

	record DecideBody(@NotNull Decision decision, @NotBlank @Size(max = 2000) String note) {
	}

	@GetMapping("/api/v1/accountability")
	@Operation(summary = "All accountability records, newest first (DISCIPLINE, LEADER, DISPATCHER, ADMIN)")
	List<AccountabilityRegister.Record> list(Actor actor) {
		AccountabilityRegister.requireReader(actor);
		return register.all();
	}

	@GetMapping("/api/v1/accountability/situations")
	@Operation(summary = "The six situations of the district's rules, with their names")
	Map<Situation, String> situations(Actor actor) {
		AccountabilityRegister.requireReader(actor);
		return register.situationNames();
	}

	@GetMapping("/api/v1/accountability/{id}")
	@Operation(summary = "One record with its history")
	AccountabilityRegister.RecordWithHistory get(Actor actor, @PathVariable long id) {
		return register.get(actor, id);
	}

	@PostMapping("/api/v1/accountability")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Open a record by hand (DISCIPLINE)")
	AccountabilityRegister.RecordWithHistory open(Actor actor, @Valid @RequestBody OpenBody body) {
		return register.open(actor, body.orgId(), body.caseId(), body.situation(), body.reason());
	}

	@PostMapping("/api/v1/accountability/{id}/review")
	@Operation(summary = "OPEN → UNDER_REVIEW (DISCIPLINE)")
	AccountabilityRegister.RecordWithHistory review(Actor actor, @PathVariable long id,
			@Valid @RequestBody(required = false) NoteBody body) {
		return register.review(actor, id, body == null ? null : body.note());
	}

	@PostMapping("/api/v1/accountability/{id}/decide")
	@Operation(summary = "UNDER_REVIEW → DECIDED with 通报 NOTICE, 诫勉 ADMONISHMENT, 组织调整/处理 ORGANISATIONAL or 纪律处分 DISCIPLINARY (DISCIPLINE)")
	AccountabilityRegister.RecordWithHistory decide(Actor actor, @PathVariable long id,
			@Valid @RequestBody DecideBody body) {
		return register.decide(actor, id, body.decision(), body.note());
	}

	@PostMapping("/api/v1/accountability/{id}/dismiss")
	@Operation(summary = "OPEN or UNDER_REVIEW → DISMISSED, with the reason (DISCIPLINE)")
	AccountabilityRegister.RecordWithHistory dismiss(Actor actor, @PathVariable long id,
			@Valid @RequestBody NoteBody body) {
		return register.dismiss(actor, id, body == null ? null : body.note());
	}
}
