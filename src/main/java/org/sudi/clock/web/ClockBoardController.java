package org.sudi.clock.web;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.clock.internal.SupervisionService;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.ConsolePage;

/** The command centre's board of late steps (warning, overdue) and its supervision list. */
@Controller
@ConsolePage
class ClockBoardController {

	private final SupervisionService supervisions;
	private final OrgUnits orgUnits;

	ClockBoardController(SupervisionService supervisions, OrgUnits orgUnits) {
		this.supervisions = supervisions;
		this.orgUnits = orgUnits;
	}

	@GetMapping("/console/clock")
	String board(Actor actor, @RequestParam(defaultValue = "true") boolean openOnly, Model model) {
		Map<Long, String> units = orgUnits.all().stream().collect(Collectors.toMap(OrgUnit::id, OrgUnit::name));
		model.addAttribute("late", supervisions.board(actor));
		model.addAttribute("supervisions", supervisions.list(actor, openOnly ? Boolean.TRUE : null, null));
		model.addAttribute("openOnly", openOnly);
		model.addAttribute("units", units);
		return "clock/board";
	}

}
