package org.sudi.casework.web;

import java.time.Clock;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.web.CaseRequests.Complete;
import org.sudi.casework.web.CaseRequests.Decision;
import org.sudi.casework.web.CaseRequests.Extension;
import org.sudi.casework.web.CaseRequests.Note;
import org.sudi.casework.web.CaseRequests.Reason;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v1/tasks/{id}")
@Tag(name = "Tasks", description = "A unit's share of a case: sign, arrive, complete, return, extension")
class TaskController {

	private final CaseService cases;
	private final Clock clock;

	TaskController(CaseService cases, Clock clock) {
		this.cases = cases;
		this.clock = clock;
	}

	@PostMapping("/sign")
	@Operation(summary = "Sign for the task (签收)")
	CaseView sign(Actor actor, @PathVariable UUID id) {
		return CaseView.of(cases.sign(actor, id), actor, clock.instant());
	}

	@PostMapping("/arrive")
	@Operation(summary = "Report on site (报到)")
	CaseView arrive(Actor actor, @PathVariable UUID id, @Valid @RequestBody(required = false) Note body) {
		return CaseView.of(cases.arrive(actor, id, body == null ? null : body.note()), actor, clock.instant());
	}

	@PostMapping("/complete")
	@Operation(summary = "Complete with the result and attachments (办结反馈)")
	CaseView complete(Actor actor, @PathVariable UUID id, @Valid @RequestBody Complete body) {
		return CaseView.of(cases.complete(actor, id, body.result(), body.attachmentIds()), actor, clock.instant());
	}

	@PostMapping("/return-request")
	@Operation(summary = "Ask the command centre to take the task back (退单)")
	CaseView requestReturn(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return CaseView.of(cases.requestReturn(actor, id, body.reason()), actor, clock.instant());
	}

	@PostMapping("/extension-request")
	@Operation(summary = "Ask for more days (延期)")
	CaseView requestExtension(Actor actor, @PathVariable UUID id, @Valid @RequestBody Extension body) {
		return CaseView.of(cases.requestExtension(actor, id, body.days(), body.reason()), actor, clock.instant());
	}

	@PostMapping("/return-request/decision")
	@Operation(summary = "Command centre: approve or refuse a return request")
	CaseView decideReturn(Actor actor, @PathVariable UUID id, @Valid @RequestBody Decision body) {
		return CaseView.of(cases.decideReturn(actor, id, body.approve(), body.note()), actor, clock.instant());
	}

	@PostMapping("/extension-request/decision")
	@Operation(summary = "Command centre: approve or refuse an extension request")
	CaseView decideExtension(Actor actor, @PathVariable UUID id, @Valid @RequestBody Decision body) {
		return CaseView.of(cases.decideExtension(actor, id, body.approve(), body.note()), actor, clock.instant());
	}
}
