package org.sudi.casework.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.Rating;
import org.sudi.casework.TaskDeadlines;
import org.sudi.casework.Urgency;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.application.RequesterDisclosure;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.CaseAction;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Task;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.Actor;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The case page shared by every role, and the case list with filters. Every action is a plain POST
 * form that redirects back (so it works without JavaScript; htmx boosts it); a refused input shows
 * the page again with the message next to the field. The actions offered are those the aggregate
 * allows the viewer now ({@link Case#allowedActions}, {@link Case#allowedTaskActions}).
 */
@Controller
@ConsolePage
class CasePageController {

	static final int PAGE_SIZE = 20;

	private final CaseService cases;
	private final ConsoleNames names;
	private final Catalog catalog;
	private final Attachments attachments;
	private final ObjectProvider<TaskDeadlines> deadlines;
	private final PageForms forms;
	private final Clock clock;
	private final RequesterDisclosure disclosure;

	CasePageController(CaseService cases, ConsoleNames names, Catalog catalog, Attachments attachments,
			ObjectProvider<TaskDeadlines> deadlines, PageForms forms, Clock clock, RequesterDisclosure disclosure) {
		this.disclosure = disclosure;
		this.cases = cases;
		this.names = names;
		this.catalog = catalog;
		this.attachments = attachments;
		this.deadlines = deadlines;
		this.forms = forms;
		this.clock = clock;
	}

	// ------------------------------------------------------------------ lists

	/** The filters every case list shares; all optional. {@code age} is in hours. */
	public record CaseQuery(CaseStatus status, CaseType type, Long townId, String category, Urgency urgency,
			Integer age, String q, Integer page) {

		int pageNo() {
			return page == null || page < 0 ? 0 : page;
		}

		Cases.Filter filter(Clock clock, CaseStatus fixedStatus, Long fixedTown, Long initiating) {
			return new Cases.Filter(fixedStatus != null ? fixedStatus : status, type, fixedTown != null ? fixedTown : townId,
					null, blank(category) ? null : category, urgency,
					age == null || age <= 0 ? null : clock.instant().minus(Duration.ofHours(age)), blank(q) ? null : q,
					null, initiating);
		}

		private static boolean blank(String s) {
			return s == null || s.isBlank();
		}
	}

	@GetMapping("/console/cases")
	String list(Actor actor, CaseQuery query, Model model, jakarta.servlet.http.HttpServletRequest request) {
		Cases.Page page = cases.search(actor, query.filter(clock, null, null, null), query.pageNo(), PAGE_SIZE);
		model.addAttribute("query", query);
		model.addAttribute("result", page);
		model.addAttribute("names", names.load());
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("listPath", "/console/cases");
		model.addAttribute("pagePath", PageLinks.pagePath(request));
		if (actor.hasAny(org.sudi.directory.Role.LEADER, org.sudi.directory.Role.DISCIPLINE)) {
			// The leader's overview: how many of the filtered cases stand where (chart and table).
			Map<CaseStatus, Long> byStatus = new LinkedHashMap<>();
			for (CaseStatus status : CaseStatus.values()) {
				byStatus.put(status, cases.search(actor, query.filter(clock, status, null, null), 0, 1).total());
			}
			model.addAttribute("byStatus", byStatus);
		}
		return "casework/cases";
	}

	// ------------------------------------------------------------------ the case page

	private static final String REVEALED = "revealedRequester";

	/** Shows the requester in full to an entitled viewer, recorded in the audit trail (PERSONAL_DATA_VIEWED). */
	@PostMapping("/console/cases/{id}/requester/reveal")
	String revealRequester(Actor actor, @PathVariable UUID id, Model model, HttpServletResponse response) {
		model.addAttribute(REVEALED, disclosure.reveal(actor, id).requester());
		response.setHeader("Cache-Control", "no-store");
		return render(actor, id, model, null, Map.of(), Map.of(), null, null);
	}

	@GetMapping("/console/cases/{id}")
	String show(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String dutyQ,
			@RequestParam(required = false) String dupQ, @RequestParam(required = false) String open, Model model) {
		return render(actor, id, model, open, Map.of(), Map.of(), dutyQ, dupQ);
	}

	private String render(Actor actor, UUID id, Model model, String openForm, Map<String, String> errors,
			Map<String, String> values, String dutyQ, String dupQ) {
		CaseService.CaseAndTimeline read = cases.withTimeline(actor, id);
		Case c = read.c();
		Map<UUID, Attachments.Info> files = new HashMap<>();
		List<UUID> ids = c.tasks().stream().flatMap(t -> t.attachmentIds().stream()).toList();
		attachments.describe(ids).forEach(i -> files.put(i.id(), i));
		TaskDeadlines clockModule = deadlines.getIfAvailable();
		Map<UUID, TaskDeadlines.Deadline> due = clockModule == null ? Map.of()
				: clockModule.of(c.tasks().stream().map(Task::id).toList());
		CasePageModel page = CasePageModel.of(c, actor, read.timeline(), files, due,
				(Requester) model.getAttribute(REVEALED));
		model.addAttribute("c", page);
		model.addAttribute("names", names.load());
		model.addAttribute("errors", errors);
		model.addAttribute("form", values);
		model.addAttribute("openForm", openForm);
		model.addAttribute("ratings", Rating.values());
		model.addAttribute("maxExtensionDays", Case.MAX_EXTENSION_DAYS);
		Map<Long, String> dutyTitles = new LinkedHashMap<>();
		c.tasks().stream().map(Task::dutyId).filter(java.util.Objects::nonNull).distinct()
			.forEach(d -> catalog.duty(d).ifPresent(item -> dutyTitles.put(d, item.title())));
		model.addAttribute("dutyTitles", dutyTitles);
		if (page.may(CaseAction.DISPATCH.name())) {
			// The duty list search: what the operator typed, else what the case's own words match.
			String q = dutyQ != null ? dutyQ : c.title() + " " + c.description();
			List<DutyItem> duties = catalog.searchDuties(null, q, 8);
			model.addAttribute("dutyQ", dutyQ == null ? "" : dutyQ);
			model.addAttribute("duties", duties);
		}
		if (page.may(CaseAction.MERGE.name()) && dupQ != null && !dupQ.isBlank()) {
			List<Case> found = cases.search(actor,
					new Cases.Filter(null, null, null, null, null, null, null, dupQ, null, null), 0, 10).items();
			model.addAttribute("duplicates", found.stream()
				.filter(d -> !d.id().equals(c.id()) && d.status() != CaseStatus.CLOSED).toList());
		}
		model.addAttribute("dupQ", dupQ == null ? "" : dupQ);
		return "casework/case";
	}

	// ------------------------------------------------------------------ case actions

	@PostMapping("/console/cases/{id}/accept")
	String accept(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Long assigneeOrgId,
			@RequestParam(required = false) String note, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, id, "accept", Map.of("note", nz(note)), model, flash, locale, response, null,
				() -> cases.accept(actor, id, assigneeOrgId, note));
	}

	@PostMapping("/console/cases/{id}/escalate")
	String escalate(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, id, "escalate", Map.of("reason", nz(reason)), model, flash, locale, response, null,
				() -> cases.escalate(actor, id, reason));
	}

	@PostMapping("/console/cases/{id}/reject")
	String reject(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, id, "reject", Map.of("reason", nz(reason)), model, flash, locale, response, null,
				() -> cases.reject(actor, id, reason));
	}

	@PostMapping("/console/cases/{id}/dispatch")
	String dispatch(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Long leadOrgId,
			@RequestParam(required = false) List<Long> assistOrgIds, @RequestParam(required = false) Long dutyId,
			@RequestParam(required = false) String note, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		Map<String, String> values = Map.of("note", nz(note), "leadOrgId", leadOrgId == null ? "" : leadOrgId.toString(),
				"dutyId", dutyId == null ? "" : dutyId.toString());
		return act(actor, id, "dispatch", values, model, flash, locale, response, null, () -> {
			if (leadOrgId == null) {
				throw new InvalidInputException("leadOrgId", "is required");
			}
			List<Long> assists = assistOrgIds == null ? List.of()
					: assistOrgIds.stream().filter(a -> !a.equals(leadOrgId)).distinct().toList();
			return cases.dispatch(actor, id, leadOrgId, assists, dutyId, note);
		});
	}

	@PostMapping("/console/cases/{id}/merge")
	String merge(Actor actor, @PathVariable UUID id, @RequestParam(required = false) UUID intoCaseId,
			@RequestParam(required = false) String note, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, id, "merge", Map.of("note", nz(note)), model, flash, locale, response, null, () -> {
			if (intoCaseId == null) {
				throw new InvalidInputException("intoCaseId", "is required");
			}
			return cases.merge(actor, id, intoCaseId, note);
		});
	}

	@PostMapping("/console/cases/{id}/evaluate")
	String evaluate(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Rating rating,
			@RequestParam(required = false) String comment, @RequestParam(required = false) String back, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, id, "evaluate", Map.of("comment", nz(comment)), model, flash, locale, response, back,
				() -> cases.evaluate(actor, id, rating, comment));
	}

	@PostMapping("/console/cases/{id}/verify")
	String verify(Actor actor, @PathVariable UUID id, @RequestParam(required = false) Boolean passed,
			@RequestParam(required = false) String note, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, id, "verify", Map.of("note", nz(note)), model, flash, locale, response, null, () -> {
			if (passed == null) {
				throw new InvalidInputException("passed", "is required");
			}
			return cases.verify(actor, id, passed, note);
		});
	}

	// ------------------------------------------------------------------ task actions

	@PostMapping("/console/tasks/{taskId}/sign")
	String sign(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) String back, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, caseId, "sign", Map.of(), model, flash, locale, response, back,
				() -> cases.sign(actor, taskId));
	}

	@PostMapping("/console/tasks/{taskId}/arrive")
	String arrive(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) String note, @RequestParam(required = false) String back, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, caseId, "arrive", Map.of("note", nz(note)), model, flash, locale, response, back,
				() -> cases.arrive(actor, taskId, note));
	}

	@PostMapping("/console/tasks/{taskId}/complete")
	String complete(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) String result,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, caseId, "complete", Map.of("result", nz(result)), model, flash, locale, response, null, () -> {
			if (result == null || result.isBlank()) {
				throw new InvalidInputException("result", "must not be blank");
			}
			List<UUID> ids = new ArrayList<>();
			for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
				if (file.isEmpty()) {
					continue;
				}
				try {
					ids.add(attachments.upload(actor, file.getOriginalFilename(), file.getInputStream()).id());
				}
				catch (InvalidInputException e) {
					throw new InvalidInputException("files", file.getOriginalFilename() + ": " + e.getMessage());
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			}
			return cases.complete(actor, taskId, result, ids);
		});
	}

	@PostMapping("/console/tasks/{taskId}/return-request")
	String requestReturn(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) String reason, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, caseId, "returnRequest", Map.of("reason", nz(reason)), model, flash, locale, response, null,
				() -> cases.requestReturn(actor, taskId, reason));
	}

	@PostMapping("/console/tasks/{taskId}/extension-request")
	String requestExtension(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) String days, @RequestParam(required = false) String reason, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		return act(actor, caseId, "extensionRequest", Map.of("reason", nz(reason), "days", nz(days)), model, flash,
				locale, response, null, () -> {
					int n;
					try {
						n = Integer.parseInt(nz(days).strip());
					}
					catch (NumberFormatException e) {
						throw new InvalidInputException("days", "must be between 1 and " + Case.MAX_EXTENSION_DAYS);
					}
					return cases.requestExtension(actor, taskId, n, reason);
				});
	}

	@PostMapping("/console/tasks/{taskId}/return-decision")
	String decideReturn(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) Boolean approve, @RequestParam(required = false) String note,
			@RequestParam(required = false) String back, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, caseId, "returnDecision", Map.of("note", nz(note)), model, flash, locale, response, back,
				() -> cases.decideReturn(actor, taskId, Boolean.TRUE.equals(approve), note));
	}

	@PostMapping("/console/tasks/{taskId}/extension-decision")
	String decideExtension(Actor actor, @PathVariable UUID taskId, @RequestParam UUID caseId,
			@RequestParam(required = false) Boolean approve, @RequestParam(required = false) String note,
			@RequestParam(required = false) String back, Model model, RedirectAttributes flash, Locale locale,
			HttpServletResponse response) {
		return act(actor, caseId, "extensionDecision", Map.of("note", nz(note)), model, flash, locale, response, back,
				() -> cases.decideExtension(actor, taskId, Boolean.TRUE.equals(approve), note));
	}

	/**
	 * Runs one action: on success back to where the user came from with a notice; on refused input
	 * the case page again with the messages next to the fields (422); when the action is no longer
	 * allowed (someone else acted first) the case page with the reason.
	 */
	private String act(Actor actor, UUID caseId, String form, Map<String, String> values, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response, String back, Supplier<Case> action) {
		try {
			Case c = action.get();
			flash.addFlashAttribute("notice", "console.done." + form);
			return "redirect:" + PageForms.safeBack(back, "/console/cases/" + c.id());
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return render(actor, caseId, model, form, forms.errors(form, e, locale), values, null, null);
		}
		catch (IllegalTransitionException | ForbiddenException e) {
			flash.addFlashAttribute("failure", forms.text("console.failure.notAllowed", locale, e.getMessage()));
			return "redirect:/console/cases/" + caseId;
		}
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
