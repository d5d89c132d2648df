package org.sudi.clock.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.clock.internal.SupervisionService;
import org.sudi.clock.internal.Supervisions.Supervision;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Supervision", description = "督办: supervisions of overdue or watched cases")
class SupervisionController {

	private final SupervisionService supervisions;

	SupervisionController(SupervisionService supervisions) {
		this.supervisions = supervisions;
	}

	record SuperviseBody(UUID taskId, @NotBlank @Size(max = 2000) String note, Instant deadline) {
	}

	@PostMapping("/api/v1/cases/{id}/supervise")
	@Operation(summary = "Issue a supervision on a case or one of its open tasks (DISPATCHER, LEADER)")
	ResponseEntity<Supervision> supervise(Actor actor, @PathVariable UUID id, @Valid @RequestBody SuperviseBody body) {
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(supervisions.supervise(actor, id, body.taskId(), body.note(), body.deadline()));
	}

	@GetMapping("/api/v1/supervisions")
	@Operation(summary = "Supervisions, newest first: all for district roles, a unit's own for its staff")
	List<Supervision> list(Actor actor, @RequestParam(required = false) Boolean open,
			@RequestParam(required = false) UUID caseId) {
		return supervisions.list(actor, open, caseId);
	}
}
