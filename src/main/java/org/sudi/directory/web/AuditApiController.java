package org.sudi.directory.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.directory.Actor;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditLog;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log in the JSON API, for ADMIN and DISCIPLINE (ADR 0027); 403 for everyone else. */
@RestController
@Tag(name = "Audit", description = "The tamper-evident audit log (ADMIN, DISCIPLINE)")
class AuditApiController {

	private final AuditLog log;

	AuditApiController(AuditLog log) {
		this.log = log;
	}

	record AuditPage(List<AuditLog.Entry> items, int page, int size, long total) {
	}

	@GetMapping("/api/v1/audit")
	@Operation(summary = "Audit records, newest first, filtered by kind, actor, text and days (ADMIN, DISCIPLINE)")
	AuditPage api(Actor actor, @RequestParam(required = false) AuditKind kind, @RequestParam(required = false) String actorName,
			@RequestParam(required = false) String q,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		AuditController.requireReader(actor);
		AuditLog.Page p = log.search(AuditController.query(kind, actorName, q, from, to), Math.max(0, page), Math.max(1, Math.min(size, 500)));
		return new AuditPage(p.items(), p.page(), p.size(), p.total());
	}

	@GetMapping("/api/v1/audit/verification")
	@Operation(summary = "Checks the audit log's hash chain and names the first broken record (ADMIN, DISCIPLINE)")
	AuditLog.Verification verify(Actor actor) {
		AuditController.requireReader(actor);
		return log.verify();
	}

}
