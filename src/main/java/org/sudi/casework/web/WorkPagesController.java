package org.sudi.casework.web;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.WorkQueue;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The per-role home and the queues: the command centre's triage, request and follow-up queues, a
 * unit's work lists (to sign / to report on site / to complete), and the town's review queue. Every
 * list pages and filters on the server; its rows link to the case page where the actions are.
 */
@Controller
@ConsolePage
class WorkPagesController {

	private final CaseService cases;
	private final ConsoleNames names;
	private final Clock clock;

	WorkPagesController(CaseService cases, ConsoleNames names, Clock clock) {
		this.cases = cases;
		this.names = names;
		this.clock = clock;
	}

	/** One tile of the home page: a count and where it leads. */
	public record Tile(String labelKey, long count, String href) {
	}

	@GetMapping("/console")
	String home(Actor actor, Model model) {
		Map<String, Tile> tiles = new LinkedHashMap<>();
		if (actor.has(Role.DISPATCHER)) {
			tiles.put("triage", new Tile("console.home.triage", count(actor, CaseStatus.DISTRICT_TRIAGE, null, null), "/console/triage"));
			long requests = cases.pendingRequests(actor, Kind.RETURN, 0, 1).total()
					+ cases.pendingRequests(actor, Kind.EXTENSION, 0, 1).total();
			tiles.put("requests", new Tile("console.home.requests", requests, "/console/requests"));
		}
		if (actor.has(Role.HOTLINE)) {
			tiles.put("hotline", new Tile("console.home.hotline", -1, "/console/hotline"));
		}
		if (actor.hasAny(Role.DISPATCHER, Role.HOTLINE)) {
			tiles.put("followups", new Tile("console.home.followups", count(actor, CaseStatus.PENDING_EVALUATION, null, null), "/console/followups"));
		}
		if (actor.has(Role.TOWN_OPERATOR)) {
			tiles.put("review", new Tile("console.home.review", count(actor, CaseStatus.TOWN_REVIEW, actor.orgId(), null), "/console/town"));
			tiles.put("whistles", new Tile("console.home.whistles", count(actor, CaseStatus.PENDING_EVALUATION, null, actor.orgId()), "/console/town#whistles"));
		}
		if (actor.orgId() != null && actor.hasAny(Role.DEPARTMENT_STAFF, Role.TOWN_OPERATOR, Role.VILLAGE_OPERATOR)) {
			Map<WorkQueue, Long> counts = cases.workCounts(actor);
			for (WorkQueue q : WorkQueue.values()) {
				tiles.put(q.name(), new Tile(switch (q) {
					case TO_SIGN -> "console.home.toSign";
					case TO_ARRIVE -> "console.home.toArrive";
					case TO_COMPLETE -> "console.home.toComplete";
				}, counts.get(q), "/console/work?queue=" + q.name()));
			}
		}
		if (actor.has(Role.ADMIN)) {
			tiles.put("admin", new Tile("console.home.admin", -1, "/console/admin/orgs"));
		}
		tiles.put("all", new Tile("console.home.all", -1, "/console/cases"));
		model.addAttribute("tiles", tiles.values());
		return "casework/home";
	}

	private long count(Actor actor, CaseStatus status, Long town, Long initiating) {
		return cases.search(actor, new Cases.Filter(status, null, town, null, null, null, null, null, null, initiating), 0, 1)
			.total();
	}

	// ------------------------------------------------------------------ command centre

	@GetMapping("/console/triage")
	String triage(Actor actor, CasePageController.CaseQuery query, Model model, HttpServletRequest request) {
		require(actor, Role.DISPATCHER);
		return caseQueue(actor, query, model, request, CaseStatus.DISTRICT_TRIAGE, null, "console.triage.title",
				"/console/triage");
	}

	@GetMapping("/console/followups")
	String followups(Actor actor, CasePageController.CaseQuery query, Model model, HttpServletRequest request) {
		if (!actor.hasAny(Role.DISPATCHER, Role.HOTLINE)) {
			throw new ForbiddenException("Only the command centre and the hotline make follow-up calls");
		}
		return caseQueue(actor, query, model, request, CaseStatus.PENDING_EVALUATION, null, "console.followups.title",
				"/console/followups");
	}

	@GetMapping("/console/requests")
	String requests(Actor actor, @RequestParam(defaultValue = "RETURN") Kind kind,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
		model.addAttribute("result", cases.pendingRequests(actor, kind, Math.max(0, page), CasePageController.PAGE_SIZE));
		model.addAttribute("kind", kind);
		model.addAttribute("names", names.load());
		model.addAttribute("pagePath", PageLinks.pagePath(request));
		return "casework/requests";
	}

	// ------------------------------------------------------------------ units

	@GetMapping("/console/work")
	String work(Actor actor, @RequestParam(defaultValue = "TO_SIGN") WorkQueue queue,
			@RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
		CaseService.WorkBoard board = cases.workBoard(actor, queue, Math.max(0, page), CasePageController.PAGE_SIZE);
		Cases.WorkPage result = board.page();
		Map<WorkQueue, Long> counts = board.counts();
		model.addAttribute("queue", queue);
		model.addAttribute("counts", counts);
		model.addAttribute("result", result);
		model.addAttribute("names", names.load());
		model.addAttribute("pagePath", PageLinks.pagePath(request));
		model.addAttribute("back", "/console/work?queue=" + queue.name());
		return "casework/work";
	}

	@GetMapping("/console/town")
	String town(Actor actor, CasePageController.CaseQuery query, Model model, HttpServletRequest request) {
		require(actor, Role.TOWN_OPERATOR);
		model.addAttribute("review", cases.search(actor,
				new Cases.Filter(CaseStatus.TOWN_REVIEW, null, actor.orgId(), null), 0, 50));
		model.addAttribute("whistles", cases.search(actor, new Cases.Filter(CaseStatus.PENDING_EVALUATION, null, null,
				null, null, null, null, null, null, actor.orgId()), 0, 50));
		// The cases of the town's jurisdiction, with the shared filters.
		model.addAttribute("result", cases.search(actor, query.filter(clock, null, actor.orgId(), null), query.pageNo(),
				CasePageController.PAGE_SIZE));
		model.addAttribute("query", query);
		model.addAttribute("names", names.load());
		model.addAttribute("pagePath", PageLinks.pagePath(request));
		return "casework/town";
	}

	private String caseQueue(Actor actor, CasePageController.CaseQuery query, Model model, HttpServletRequest request,
			CaseStatus status, Long town, String titleKey, String path) {
		Cases.Page result = cases.search(actor, query.filter(clock, status, town, null), query.pageNo(),
				CasePageController.PAGE_SIZE);
		model.addAttribute("query", query);
		model.addAttribute("result", result);
		model.addAttribute("names", names.load());
		model.addAttribute("titleKey", titleKey);
		model.addAttribute("listPath", path);
		model.addAttribute("pagePath", PageLinks.pagePath(request));
		return "casework/queue";
	}

	private static void require(Actor actor, Role role) {
		if (!actor.has(role)) {
			throw new ForbiddenException("This page is for " + role);
		}
	}
}
