package org.sudi.catalog.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimitPolicy;
import org.sudi.catalog.WorkingCalendar;
import org.sudi.catalog.internal.TimeLimitAdministration;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

/** Administration of the time-limit policies and the working calendar (holidays, make-up workdays). */
@Controller
@ConsolePage
class TimeLimitAdminController {

	private final TimeLimitAdministration administration;

	TimeLimitAdminController(TimeLimitAdministration administration) {
		this.administration = administration;
	}

	@GetMapping("/console/admin/time-limits")
	String page(Actor actor, @RequestParam(required = false) Integer year, Model model) {
		requireAdmin(actor);
		WorkingCalendar calendar = administration.calendar();
		int y = year == null ? LocalDate.now(calendar.zone()).getYear() : year;
		model.addAttribute("policies", administration.policies());
		model.addAttribute("days", administration.days(y));
		model.addAttribute("year", y);
		model.addAttribute("periods", calendar.periods());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "catalog/time-limits";
	}

	@PostMapping("/console/admin/time-limits")
	String savePolicy(Actor actor, @RequestParam String caseType, @RequestParam String urgency,
			@RequestParam(required = false) String categoryCode, @RequestParam Map<String, String> form,
			RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		TimeLimit[] limits = new TimeLimit[5];
		String[] fields = { "townReview", "sign", "arrive", "complete", "evaluate" };
		for (int i = 0; i < fields.length; i++) {
			try {
				limits[i] = TimeLimit.parse(form.get(fields[i]));
			}
			catch (IllegalArgumentException e) {
				errors.put(caseType + "." + urgency + "." + fields[i], e.getMessage());
			}
		}
		if (errors.isEmpty()) {
			try {
				administration.save(actor, new TimeLimitPolicy(caseType, urgency,
						categoryCode == null || categoryCode.isBlank() ? null : categoryCode.strip(), limits[0], limits[1],
						limits[2], limits[3], limits[4]));
				redirect.addFlashAttribute("saved", true);
			}
			catch (InvalidInputException e) {
				e.fields().forEach((k, v) -> errors.put(caseType + "." + urgency + "." + k, v));
			}
		}
		redirect.addFlashAttribute("errors", errors);
		return "redirect:/console/admin/time-limits";
	}

	@PostMapping("/console/admin/time-limits/days")
	String saveDay(Actor actor, @RequestParam String day, @RequestParam String kind,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
		try {
			administration.saveDay(actor, LocalDate.parse(day), WorkingCalendar.DayKind.valueOf(kind), name);
			redirect.addFlashAttribute("errors", Map.of());
		}
		catch (RuntimeException e) {
			if (e instanceof ForbiddenException forbidden) {
				throw forbidden;
			}
			redirect.addFlashAttribute("errors", Map.of("day", "请填写有效日期 (yyyy-MM-dd) a valid date, please"));
		}
		return "redirect:/console/admin/time-limits?year=" + (day.length() >= 4 ? day.substring(0, 4) : "");
	}

	@PostMapping("/console/admin/time-limits/days/delete")
	String deleteDay(Actor actor, @RequestParam String day) {
		administration.deleteDay(actor, LocalDate.parse(day));
		return "redirect:/console/admin/time-limits?year=" + day.substring(0, 4);
	}

	@PostMapping("/console/admin/time-limits/import")
	String importDays(Actor actor, @RequestParam String text, Model model, RedirectAttributes redirect,
			jakarta.servlet.http.HttpServletResponse response) {
		try {
			redirect.addFlashAttribute("imported", administration.importDays(actor, text));
			return "redirect:/console/admin/time-limits";
		}
		catch (InvalidInputException e) {
			// Refused: the page again, with the text as typed and every problem next to it.
			Map<String, String> errors = new LinkedHashMap<>();
			errors.put("import", e.getMessage());
			e.fields().forEach((k, v) -> errors.put("import." + k, k + ": " + v));
			model.addAttribute("errors", errors);
			model.addAttribute("importText", text);
			response.setStatus(422);
			return page(actor, null, model);
		}
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only administrators manage time limits");
		}
	}
}
