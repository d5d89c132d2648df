package org.sudi.triage.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.directory.Actor;
import org.sudi.triage.Suggestions;
import org.sudi.triage.internal.TriageEngine;
import org.sudi.triage.internal.TriageService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Triage", description = "研判分流 help: suggestions, history, duplicates, hot spots")
class TriageController {

	private final TriageService triage;
	private final Clock clock;

	TriageController(TriageService triage, Clock clock) {
		this.triage = triage;
		this.clock = clock;
	}

	record SuggestBody(@Size(max = 200) String title, @Size(max = 5000) String description, Double lat, Double lon) {
	}

	@PostMapping("/api/v1/triage/suggest")
	@Operation(summary = "Ranked categories and units, each unit with its duty item and the matched words")
	Suggestions suggest(Actor actor, @Valid @RequestBody SuggestBody body) {
		return triage.suggest(actor, body.title(), body.description(), body.lat(), body.lon());
	}

	@PostMapping(path = "/api/v1/triage/history", consumes = { MediaType.TEXT_PLAIN_VALUE, "text/csv",
			"text/tab-separated-values" })
	@Operation(summary = "Import labelled history (CSV or TSV: text, title, category, unit, date), all or nothing (ADMIN)")
	ResponseEntity<TriageService.ImportReport> importHistory(Actor actor, @RequestBody String content) {
		TriageService.ImportReport report = triage.importHistory(actor, content);
		return report.rejected().isEmpty() ? ResponseEntity.ok(report) : ResponseEntity.badRequest().body(report);
	}

	@PostMapping("/api/v1/triage/model/rebuild")
	@Operation(summary = "Rebuild the models from the duty list and all history now (ADMIN, DISPATCHER)")
	TriageEngine.Built rebuild(Actor actor) {
		return triage.rebuild(actor);
	}

	@GetMapping("/api/v1/cases/{id}/duplicates")
	@Operation(summary = "Possible duplicates: open cases nearby and recent with similar text")
	List<TriageService.Duplicate> duplicates(Actor actor, @PathVariable UUID id) {
		return triage.duplicates(actor, id);
	}

	@GetMapping("/api/v1/triage/hotspots")
	@Operation(summary = "Hot spots (每月一题): clusters of similar requests by category and area, largest first")
	List<TriageService.HotSpot> hotSpots(Actor actor, @RequestParam(required = false) Instant from,
			@RequestParam(required = false) Instant to, @RequestParam(defaultValue = "3") int minSize) {
		Instant end = to == null ? clock.instant() : to;
		Instant start = from == null ? end.minus(30, ChronoUnit.DAYS) : from;
		return triage.hotSpots(actor, start, end, Math.max(2, minSize));
	}
}
