package org.sudi.casework.web;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Urgency;
import org.sudi.casework.application.CaseService;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Submission;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * New cases from the console: the hotline's fast intake (caller phone first, with that caller's
 * earlier cases) and a town's whistle (吹哨, an ENFORCEMENT case that goes straight to triage).
 */
@Controller
@ConsolePage
class IntakePageController {

	private static final Pattern PHONE = Pattern.compile("^[0-9+\\-]{5,20}$");
	private static final int TITLE_FROM_DESCRIPTION = 40;

	private final CaseService cases;
	private final ConsoleNames names;
	private final PageForms forms;

	IntakePageController(CaseService cases, ConsoleNames names, PageForms forms) {
		this.cases = cases;
		this.names = names;
		this.forms = forms;
	}

	/** What an intake form sends; the title may be left out (the description's start is used). */
	public record IntakeForm(String phone, String name, CaseType type, String categoryCode, Long townId,
			String address, Double lat, Double lon, String title, String description, Urgency urgency) {

		static IntakeForm empty(CaseType type) {
			return new IntakeForm(null, null, type, null, null, null, null, null, null, null, Urgency.NORMAL);
		}
	}

	// ------------------------------------------------------------------ hotline

	@GetMapping("/console/hotline")
	String hotline(Actor actor, @RequestParam(required = false) String phone, Model model) {
		requireHotline(actor);
		IntakeForm form = new IntakeForm(phone, null, CaseType.LIVELIHOOD, null, null, null, null, null, null, null,
				Urgency.NORMAL);
		return showHotline(actor, form, Map.of(), model);
	}

	/** The caller's earlier cases, as a fragment for htmx (the page shows them too without JavaScript). */
	@GetMapping("/console/hotline/caller")
	String caller(Actor actor, @RequestParam(required = false) String phone, Model model) {
		requireHotline(actor);
		model.addAttribute("history", history(actor, phone));
		model.addAttribute("phone", phone);
		model.addAttribute("names", names.load());
		return "casework/hotline :: history";
	}

	@PostMapping("/console/hotline")
	String intake(Actor actor, @ModelAttribute("intake") IntakeForm form, BindingResult binding, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		requireHotline(actor);
		Map<String, String> errors = bindingErrors(binding, locale);
		if (form.phone() == null || form.phone().isBlank()) {
			errors.putIfAbsent("phone", forms.required(locale));
		}
		else if (!PHONE.matcher(form.phone().strip()).matches()) {
			errors.putIfAbsent("phone", forms.text("console.validation.phone", locale));
		}
		if (form.type() == null) {
			errors.putIfAbsent("type", forms.required(locale));
		}
		if (form.type() == CaseType.LIVELIHOOD && form.townId() == null) {
			errors.putIfAbsent("townId", forms.required(locale));
		}
		validateCommon(form, errors, locale);
		if (errors.isEmpty()) {
			try {
				Case c = cases.submit(actor, submission(form, Channel.HOTLINE,
						new Requester(blankToNull(form.name()), form.phone().strip(), null)));
				flash.addFlashAttribute("notice", "console.done.intake");
				return "redirect:/console/cases/" + c.id();
			}
			catch (InvalidInputException e) {
				e.fields().forEach((k, v) -> errors.put(k, forms.errors("f", e, locale).get("f." + k)));
			}
		}
		response.setStatus(422);
		return showHotline(actor, form, errors, model);
	}

	private String showHotline(Actor actor, IntakeForm form, Map<String, String> errors, Model model) {
		model.addAttribute("intake", form);
		model.addAttribute("errors", errors);
		model.addAttribute("history", history(actor, form.phone()));
		model.addAttribute("phone", form.phone());
		model.addAttribute("names", names.load());
		model.addAttribute("types", List.of(CaseType.LIVELIHOOD, CaseType.DEVELOPMENT));
		return "casework/hotline";
	}

	private List<Case> history(Actor actor, String phone) {
		if (phone == null || !PHONE.matcher(phone.strip()).matches()) {
			return List.of();
		}
		return cases.callerHistory(actor, phone.strip(), 10);
	}

	private static void requireHotline(Actor actor) {
		if (!actor.hasAny(Role.HOTLINE, Role.DISPATCHER)) {
			throw new ForbiddenException("The intake form is for hotline operators");
		}
	}

	// ------------------------------------------------------------------ town whistle

	@GetMapping("/console/town/whistle")
	String whistleForm(Actor actor, Model model) {
		requireTown(actor);
		return showWhistle(IntakeForm.empty(CaseType.ENFORCEMENT), Map.of(), model);
	}

	@PostMapping("/console/town/whistle")
	String whistle(Actor actor, @ModelAttribute("intake") IntakeForm form, BindingResult binding, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		requireTown(actor);
		Map<String, String> errors = bindingErrors(binding, locale);
		if (form.title() == null || form.title().isBlank()) {
			errors.putIfAbsent("title", forms.required(locale));
		}
		validateCommon(form, errors, locale);
		IntakeForm whistle = new IntakeForm(null, null, CaseType.ENFORCEMENT, form.categoryCode(), actor.orgId(),
				form.address(), form.lat(), form.lon(), form.title(), form.description(), form.urgency());
		if (errors.isEmpty()) {
			try {
				Case c = cases.submit(actor, submission(whistle, Channel.TOWN, null));
				flash.addFlashAttribute("notice", "console.done.whistle");
				return "redirect:/console/cases/" + c.id();
			}
			catch (InvalidInputException e) {
				e.fields().forEach((k, v) -> errors.put(k, forms.errors("f", e, locale).get("f." + k)));
			}
		}
		response.setStatus(422);
		return showWhistle(form, errors, model);
	}

	private String showWhistle(IntakeForm form, Map<String, String> errors, Model model) {
		model.addAttribute("intake", form);
		model.addAttribute("errors", errors);
		model.addAttribute("names", names.load());
		return "casework/whistle";
	}

	private static void requireTown(Actor actor) {
		if (!actor.has(Role.TOWN_OPERATOR) || actor.orgId() == null) {
			throw new ForbiddenException("Only a town operator blows the whistle");
		}
	}

	// ------------------------------------------------------------------ shared

	private void validateCommon(IntakeForm form, Map<String, String> errors, Locale locale) {
		if (form.description() == null || form.description().isBlank()) {
			errors.putIfAbsent("description", forms.required(locale));
		}
		if ((form.lat() == null) != (form.lon() == null)) {
			errors.putIfAbsent("lat", forms.text("console.intake.pointIncomplete", locale));
		}
		if (form.lat() != null && (form.lat() < -90 || form.lat() > 90)) {
			errors.putIfAbsent("lat", forms.text("console.validation.invalid", locale));
		}
		if (form.lon() != null && (form.lon() < -180 || form.lon() > 180)) {
			errors.putIfAbsent("lon", forms.text("console.validation.invalid", locale));
		}
		if (form.title() != null && form.title().length() > 200) {
			errors.putIfAbsent("title", forms.text("console.validation.invalid", locale));
		}
	}

	private Map<String, String> bindingErrors(BindingResult binding, Locale locale) {
		Map<String, String> errors = new HashMap<>();
		binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), forms.text("console.validation.invalid", locale)));
		return errors;
	}

	private static Submission submission(IntakeForm f, Channel channel, Requester requester) {
		String description = f.description().strip();
		String title = f.title() == null || f.title().isBlank()
				? description.substring(0, Math.min(description.length(), TITLE_FROM_DESCRIPTION))
				: f.title().strip();
		Location location = f.lat() == null && blankToNull(f.address()) == null ? null
				: new Location(f.lat(), f.lon(), blankToNull(f.address()));
		return new Submission(f.type(), title, description, blankToNull(f.categoryCode()),
				f.urgency() == null ? Urgency.NORMAL : f.urgency(), channel, f.townId(), location, requester);
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
