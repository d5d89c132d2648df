package org.sudi.casework.web;

import java.net.URI;
import java.util.List;
import java.time.Clock;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Submission;
import org.sudi.casework.domain.TimelineEntry;
import org.sudi.casework.web.CaseRequests.Accept;
import org.sudi.casework.web.CaseRequests.CreateCase;
import org.sudi.casework.web.CaseRequests.Dispatch;
import org.sudi.casework.web.CaseRequests.Evaluate;
import org.sudi.casework.web.CaseRequests.Information;
import org.sudi.casework.web.CaseRequests.Instruct;
import org.sudi.casework.web.CaseRequests.Merge;
import org.sudi.casework.web.CaseRequests.Reason;
import org.sudi.casework.web.CaseRequests.Verify;
import org.sudi.directory.Actor;
import org.sudi.platform.Idempotency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases", description = "诉求: submit, review, triage, dispatch, evaluate, verify")
class CaseController {

	private final CaseService cases;
	private final Clock clock;
	private final Idempotency idempotency;

	CaseController(CaseService cases, Clock clock, Idempotency idempotency) {
		this.cases = cases;
		this.clock = clock;
		this.idempotency = idempotency;
	}

	@PostMapping
	@Operation(summary = "Submit a case (诉求上报)")
	ResponseEntity<CaseView> create(Actor actor, @Valid @RequestBody CreateCase body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		Location location = body.location() == null ? null
				: new Location(body.location().lat(), body.location().lon(), body.location().address());
		Requester requester = body.requester() == null ? null
				: new Requester(body.requester().name(), body.requester().phone(), null);
		Submission submission = new Submission(body.type(), body.title(), body.description(), body.categoryCode(),
				body.urgency(), body.channel(), body.townId(), location, requester, Boolean.TRUE.equals(body.anonymous()),
				body.attachmentIds());
		if (idempotencyKey == null) {
			var c = cases.submit(actor, submission);
			return ResponseEntity.created(URI.create("/api/v1/cases/" + c.id())).body(CaseView.of(c, actor, clock.instant()));
		}
		// A retry with the same key and body gets the first case back, never a second one (ADR 0030).
		var outcome = idempotency.once("case-create", actor.username(), idempotencyKey, Idempotency.fingerprint(body),
				() -> cases.submit(actor, submission).id().toString());
		var c = cases.get(actor, UUID.fromString(outcome.result()));
		return ResponseEntity.created(URI.create("/api/v1/cases/" + c.id()))
			.header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
			.body(CaseView.of(c, actor, clock.instant()));
	}

	record PageView(List<CaseView> items, int page, int size, long total) {
	}

	@GetMapping
	@Operation(summary = "The cases the caller may read, newest first",
			description = "gridCode: lying in that grid; open=true: not closed; myGrids=true: lying in the caller's "
					+ "own grids (a grid worker's list)")
	PageView list(Actor actor, @RequestParam(required = false) CaseStatus status,
			@RequestParam(required = false) CaseType type, @RequestParam(required = false) Long townId,
			@RequestParam(required = false) Long orgId, @RequestParam(required = false) String gridCode,
			@RequestParam(defaultValue = "false") boolean open, @RequestParam(defaultValue = "false") boolean myGrids,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		Cases.Page result = cases.search(actor, status, type, townId, orgId, gridCode, open, myGrids, page, size);
		return new PageView(result.items().stream().map(c -> CaseView.of(c, actor, clock.instant())).toList(), result.page(),
				result.size(), result.total());
	}

	@GetMapping("/{id}")
	@Operation(summary = "One case with its tasks and evaluations")
	CaseView get(Actor actor, @PathVariable UUID id) {
		return CaseView.of(cases.get(actor, id), actor, clock.instant());
	}

	@GetMapping("/{id}/timeline")
	@Operation(summary = "The case's record (留痕), oldest first")
	List<TimelineEntry> timeline(Actor actor, @PathVariable UUID id) {
		return cases.timeline(actor, id);
	}

	@PostMapping("/{id}/accept")
	@Operation(summary = "Town review: accept, for the town itself or one of its villages")
	CaseView accept(Actor actor, @PathVariable UUID id, @Valid @RequestBody(required = false) Accept body) {
		Accept b = body == null ? new Accept(null, null) : body;
		return CaseView.of(cases.accept(actor, id, b.assigneeOrgId(), b.note()), actor, clock.instant());
	}

	@PostMapping("/{id}/escalate")
	@Operation(summary = "Town review: send up to district triage, with the reason")
	CaseView escalate(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return CaseView.of(cases.escalate(actor, id, body.reason()), actor, clock.instant());
	}

	@PostMapping("/{id}/reject")
	@Operation(summary = "Reject (town in review, command centre in triage)")
	CaseView reject(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return CaseView.of(cases.reject(actor, id, body.reason()), actor, clock.instant());
	}

	@PostMapping("/{id}/dispatch")
	@Operation(summary = "District triage: dispatch to a lead unit and assisting units, citing a duty item")
	CaseView dispatch(Actor actor, @PathVariable UUID id, @Valid @RequestBody Dispatch body) {
		return CaseView.of(cases.dispatch(actor, id, body.leadOrgId(), body.assistOrgIds(), body.dutyId(), body.note()),
				actor, clock.instant());
	}

	@PostMapping("/{id}/merge")
	@Operation(summary = "District triage: close as a duplicate of another case")
	CaseView merge(Actor actor, @PathVariable UUID id, @Valid @RequestBody Merge body) {
		return CaseView.of(cases.merge(actor, id, body.intoCaseId(), body.note()), actor, clock.instant());
	}

	@PostMapping("/{id}/withdraw")
	@Operation(summary = "The requester withdraws the case before dispatch")
	CaseView withdraw(Actor actor, @PathVariable UUID id, @Valid @RequestBody Reason body) {
		return CaseView.of(cases.withdraw(actor, id, body.reason()), actor, clock.instant());
	}

	@PostMapping("/{id}/information")
	@Operation(summary = "The requester adds information to an open case (补充信息)")
	CaseView addInformation(Actor actor, @PathVariable UUID id, @Valid @RequestBody Information body) {
		return CaseView.of(cases.addInformation(actor, id, body.note()), actor, clock.instant());
	}

	@PostMapping("/{id}/evaluate")
	@Operation(summary = "Evaluate the result (评价), or record a follow-up call (回访)")
	CaseView evaluate(Actor actor, @PathVariable UUID id, @Valid @RequestBody Evaluate body) {
		return CaseView.of(cases.evaluate(actor, id, body.rating(), body.comment()), actor, clock.instant());
	}

	@PostMapping("/{id}/verify")
	@Operation(summary = "Verify the result (验收): pass or fail")
	CaseView verify(Actor actor, @PathVariable UUID id, @Valid @RequestBody Verify body) {
		return CaseView.of(cases.verify(actor, id, body.passed(), body.note()), actor, clock.instant());
	}

	@PostMapping("/{id}/instruct")
	@Operation(summary = "Leader instruction (领导批示): recorded in the timeline, raises urgency, tells the units (LEADER)")
	CaseView instruct(Actor actor, @PathVariable UUID id, @Valid @RequestBody Instruct body) {
		return CaseView.of(cases.instruct(actor, id, body.text()), actor, clock.instant());
	}
}
