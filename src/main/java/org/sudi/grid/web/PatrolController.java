package org.sudi.grid.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.casework.CaseType;
import org.sudi.casework.Urgency;
import org.sudi.directory.Actor;
import org.sudi.grid.domain.Patrol;
import org.sudi.grid.internal.PatrolChecklist;
import org.sudi.grid.internal.PatrolService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/patrols")
@Tag(name = "Patrols", description = "巡查: checklist, patrols of a grid, findings that become cases")
class PatrolController {

	private final PatrolService patrols;

	PatrolController(PatrolService patrols) {
		this.patrols = patrols;
	}

	record Start(@NotBlank @Size(max = 15) String gridCode) {
	}

	record Tick(@NotNull Long itemId, @NotNull Boolean ok, @Size(max = 2000) String note) {
	}

	record NewFinding(Long itemId, @NotBlank @Size(max = 5000) String description,
			@DecimalMin("-90") @DecimalMax("90") Double lat, @DecimalMin("-180") @DecimalMax("180") Double lon,
			@Size(max = 20) List<@NotNull UUID> attachmentIds) {
	}

	record FileCase(CaseType type, @Size(max = 200) String title, @Size(max = 100) String categoryCode,
			Urgency urgency) {
	}

	record Finish(@Size(max = 2000) String note) {
	}

	@GetMapping("/checklist")
	@Operation(summary = "The patrol checklist: classes and items")
	List<PatrolChecklist.ItemClass> checklist(Actor actor) {
		return patrols.checklist();
	}

	@PostMapping
	@Operation(summary = "A grid worker starts a patrol of one of their grids")
	ResponseEntity<PatrolView> start(Actor actor, @Valid @RequestBody Start body) {
		Patrol p = patrols.start(actor, body.gridCode());
		return ResponseEntity.created(URI.create("/api/v1/patrols/" + p.id())).body(PatrolView.of(p));
	}

	@GetMapping
	@Operation(summary = "Patrol records the caller may read, newest first, by grid, worker and start time")
	List<PatrolView> list(Actor actor, @RequestParam(required = false) String gridCode,
			@RequestParam(required = false) String worker, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
		return patrols.search(actor, gridCode, worker, from, to, limit).stream().map(PatrolView::of).toList();
	}

	@GetMapping("/{id}")
	@Operation(summary = "One patrol with its ticks and findings")
	PatrolView get(Actor actor, @PathVariable UUID id) {
		return PatrolView.of(patrols.get(actor, id));
	}

	@PostMapping("/{id}/checks")
	@Operation(summary = "Tick a checklist item: fine or not")
	PatrolView tick(Actor actor, @PathVariable UUID id, @Valid @RequestBody Tick body) {
		return PatrolView.of(patrols.tick(actor, id, body.itemId(), body.ok(), body.note()));
	}

	@PostMapping("/{id}/findings")
	@Operation(summary = "Record a finding with photos and a point (default: inside the patrolled grid)")
	ResponseEntity<Patrol.Finding> find(Actor actor, @PathVariable UUID id, @Valid @RequestBody NewFinding body) {
		Patrol.Finding f = patrols.find(actor, id, body.itemId(), body.description(), body.lat(), body.lon(),
				body.attachmentIds());
		return ResponseEntity.created(URI.create("/api/v1/patrols/" + id)).body(f);
	}

	@PostMapping("/findings/{findingId}/case")
	@Operation(summary = "Turn a finding into a case in one step (channel PATROL, at the finding's point)")
	ResponseEntity<Patrol.Finding> fileCase(Actor actor, @PathVariable UUID findingId,
			@Valid @RequestBody(required = false) FileCase body) {
		FileCase b = body == null ? new FileCase(null, null, null, null) : body;
		Patrol.Finding f = patrols.fileCase(actor, findingId, b.type(), b.title(), b.categoryCode(), b.urgency());
		return ResponseEntity.created(URI.create("/api/v1/cases/" + f.caseId())).body(f);
	}

	@PostMapping("/{id}/finish")
	@Operation(summary = "Finish the patrol")
	PatrolView finish(Actor actor, @PathVariable UUID id, @Valid @RequestBody(required = false) Finish body) {
		return PatrolView.of(patrols.finish(actor, id, body == null ? null : body.note()));
	}

	record PatrolView(UUID id, String gridCode, long villageId, long townId, String worker, Patrol.Status status,
			Instant startedAt, Instant finishedAt, String note, List<Patrol.Check> checks, List<Patrol.Finding> findings) {

		static PatrolView of(Patrol p) {
			return new PatrolView(p.id(), p.gridCode(), p.villageId(), p.townId(), p.worker(), p.status(), p.startedAt(),
					p.finishedAt(), p.note(), p.checks(), p.findings());
		}
	}
}
