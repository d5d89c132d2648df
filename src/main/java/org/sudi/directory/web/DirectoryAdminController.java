package org.sudi.directory.web;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.directory.internal.AccountAdministration;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletResponse;

/** Administration pages of the directory: organisation units and accounts. */
@Controller
@ConsolePage
class DirectoryAdminController {

	private static final int PAGE_SIZE = 25;

	private final AccountAdministration admin;
	private final OrgUnits orgUnits;
	private final MessageSource messages;

	DirectoryAdminController(AccountAdministration admin, OrgUnits orgUnits, MessageSource messages) {
		this.admin = admin;
		this.orgUnits = orgUnits;
		this.messages = messages;
	}

	@GetMapping("/console/admin/orgs")
	String orgs(Actor actor, Model model) {
		return showOrgs(actor, model, Map.of(), Map.of());
	}

	@PostMapping("/console/admin/orgs")
	String createOrg(Actor actor, @RequestParam(required = false) String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) OrgKind kind, @RequestParam(required = false) Long parentId, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		try {
			admin.createUnit(actor, code, name, kind, parentId);
			flash.addFlashAttribute("notice", "console.done.saved");
			return "redirect:/console/admin/orgs";
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return showOrgs(actor, model, errors(e, locale),
					Map.of("code", nz(code), "name", nz(name), "kind", kind == null ? "" : kind.name()));
		}
	}

	private String showOrgs(Actor actor, Model model, Map<String, String> errors, Map<String, String> form) {
		requireAdmin(actor);
		model.addAttribute("orgs", orgUnits.all());
		model.addAttribute("kinds", OrgKind.values());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "directory/orgs";
	}

	@GetMapping("/console/admin/accounts")
	String accounts(Actor actor, @RequestParam(required = false) Long orgId, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model) {
		return showAccounts(actor, orgId, q, page, model, Map.of(), Map.of());
	}

	@PostMapping("/console/admin/accounts")
	String createAccount(Actor actor, @RequestParam(required = false) String username,
			@RequestParam(required = false) String displayName, @RequestParam(required = false) Long orgId,
			@RequestParam(required = false) List<Role> roles, @RequestParam(required = false) String password,
			Model model, RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		try {
			admin.createAccount(actor, username, displayName, orgId, roles == null ? Set.of() : EnumSet.copyOf(roles),
					password);
			flash.addFlashAttribute("notice", "console.done.saved");
			return "redirect:/console/admin/accounts?q=" + java.net.URLEncoder.encode(username.strip(),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return showAccounts(actor, null, null, 0, model, errors(e, locale),
					Map.of("username", nz(username), "displayName", nz(displayName)));
		}
	}

	@PostMapping("/console/admin/accounts/{id}/enabled")
	String enable(Actor actor, @PathVariable long id, @RequestParam boolean enabled, RedirectAttributes flash,
			Locale locale) {
		return change(flash, locale, () -> admin.setEnabled(actor, id, enabled));
	}

	@PostMapping("/console/admin/accounts/{id}/password")
	String password(Actor actor, @PathVariable long id, @RequestParam(required = false) String password,
			RedirectAttributes flash, Locale locale) {
		return change(flash, locale, () -> admin.resetPassword(actor, id, password));
	}

	@PostMapping("/console/admin/accounts/{id}/totp-reset")
	String totpReset(Actor actor, @PathVariable long id, RedirectAttributes flash, Locale locale) {
		return change(flash, locale, () -> admin.resetSecondFactor(actor, id));
	}

	@PostMapping("/console/admin/accounts/{id}/roles")
	String roles(Actor actor, @PathVariable long id, @RequestParam(required = false) List<Role> roles,
			RedirectAttributes flash, Locale locale) {
		return change(flash, locale,
				() -> admin.setRoles(actor, id, roles == null ? Set.of() : EnumSet.copyOf(roles)));
	}

	private String change(RedirectAttributes flash, Locale locale, Runnable action) {
		try {
			action.run();
			flash.addFlashAttribute("notice", "console.done.saved");
		}
		catch (InvalidInputException e) {
			flash.addFlashAttribute("failure", String.join("; ", errors(e, locale).values()));
		}
		return "redirect:/console/admin/accounts";
	}

	private String showAccounts(Actor actor, Long orgId, String q, int page, Model model, Map<String, String> errors,
			Map<String, String> form) {
		requireAdmin(actor);
		model.addAttribute("result", admin.accounts(actor, orgId, q, Math.max(0, page), PAGE_SIZE));
		var orgs = orgUnits.all();
		model.addAttribute("orgs", orgs);
		model.addAttribute("orgNames", orgs.stream().collect(java.util.stream.Collectors.toMap(o -> o.id(), o -> o.name())));
		model.addAttribute("roles", Role.values());
		model.addAttribute("orgId", orgId);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "directory/accounts";
	}

	private Map<String, String> errors(InvalidInputException e, Locale locale) {
		Map<String, String> errors = new HashMap<>();
		e.fields().forEach((k, v) -> errors.put(k, v.equals("must not be blank") || v.equals("is required")
				? messages.getMessage("console.validation.required", null, locale)
				: messages.getMessage("console.validation.rule", new Object[] { v }, v, locale)));
		return errors;
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Administration is for administrators");
		}
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
