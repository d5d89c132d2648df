package org.sudi.directory.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditLog;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;


/**
 * The audit log for those who may read it, ADMIN and DISCIPLINE (ADR 0027): a console page with
 * filters and the chain check ({@link AuditApiController} is the same in the API). Everyone else gets 403.
 */
@Controller
@ConsolePage
class AuditController {

	private static final ZoneId DISTRICT = ZoneId.of("Asia/Shanghai");
	private static final int PAGE_SIZE = 50;

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/console/audit")
	String page(Actor actor, @RequestParam(required = false) AuditKind kind, @RequestParam(required = false) String by,
			@RequestParam(required = false) String q,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean verify, Model model) {
		requireReader(actor);
		model.addAttribute("result", log.search(query(kind, by, q, from, to), Math.max(0, page), PAGE_SIZE));
		model.addAttribute("kinds", AuditKind.values());
		model.addAttribute("kind", kind);
		model.addAttribute("by", by == null ? "" : by);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		if (verify) {
			model.addAttribute("verification", log.verify());
		}
		return "directory/audit";
	}

	static AuditLog.Query query(AuditKind kind, String by, String q, LocalDate from, LocalDate to) {
		Instant start = from == null ? null : from.atStartOfDay(DISTRICT).toInstant();
		Instant end = to == null ? null : to.plusDays(1).atStartOfDay(DISTRICT).toInstant();
		return new AuditLog.Query(kind, by, q, start, end);
	}

	static void requireReader(Actor actor) {
		if (!actor.hasAny(Role.ADMIN, Role.DISCIPLINE)) {
			throw new ForbiddenException("The audit log is for administrators and discipline inspectors");
		}
	}
}
