package org.sudi.triage.web;

import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.sudi.casework.CasePort;
import org.sudi.casework.CaseSummary;
import org.sudi.directory.Actor;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.NotFoundException;
import org.sudi.triage.internal.TriageService;

/**
 * The suggestions shown in the dispatch dialog and the town review of the case page (loaded into it
 * by htmx; without JavaScript the same page opens on its own).
 */
@Controller
@ConsolePage
class TriagePageController {

	private final TriageService triage;
	private final CasePort cases;

	TriagePageController(TriageService triage, CasePort cases) {
		this.triage = triage;
		this.cases = cases;
	}

	@GetMapping("/console/triage/suggestions/{caseId}")
	String suggestions(Actor actor, @PathVariable UUID caseId, Model model) {
		CaseSummary c = cases.find(actor, caseId).orElseThrow(() -> new NotFoundException("Case", caseId));
		model.addAttribute("caseId", caseId);
		model.addAttribute("suggestions", triage.suggest(actor, c.title(), c.description(), c.lat(), c.lon()));
		return "triage/suggestions";
	}
}
