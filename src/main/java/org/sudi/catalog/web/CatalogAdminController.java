package org.sudi.catalog.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.catalog.internal.CatalogAdministration;
import org.sudi.catalog.internal.CatalogAdministration.ImportRow;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Administration pages of the catalog: categories and the duty list. A duty-list import is read and
 * checked first and shown as a preview with each row's problems; only "import" stores the valid
 * rows (the preview waits in the session).
 */
@Controller
@ConsolePage
class CatalogAdminController {

	private static final String PREVIEW = "sudi.dutyImportPreview";
	private static final int PAGE_SIZE = 25;

	private final CatalogAdministration admin;
	private final OrgUnits orgUnits;
	private final MessageSource messages;

	CatalogAdminController(CatalogAdministration admin, OrgUnits orgUnits, MessageSource messages) {
		this.admin = admin;
		this.orgUnits = orgUnits;
		this.messages = messages;
	}

	@GetMapping("/console/admin/categories")
	String categories(Actor actor, Model model) {
		return showCategories(actor, model, Map.of(), Map.of());
	}

	@PostMapping("/console/admin/categories")
	String createCategory(Actor actor, @RequestParam(required = false) String code,
			@RequestParam(required = false) String name, @RequestParam(required = false) String parentCode, Model model,
			RedirectAttributes flash, Locale locale, HttpServletResponse response) {
		try {
			admin.createCategory(actor, code, name, parentCode);
			flash.addFlashAttribute("notice", "console.done.saved");
			return "redirect:/console/admin/categories";
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return showCategories(actor, model, errors(e, locale), Map.of("code", nz(code), "name", nz(name)));
		}
	}

	private String showCategories(Actor actor, Model model, Map<String, String> errors, Map<String, String> form) {
		admin.duties(actor, null, null, 0, 1); // administrators only
		model.addAttribute("categories", admin.categories());
		model.addAttribute("errors", errors);
		model.addAttribute("form", form);
		return "catalog/categories";
	}

	@GetMapping("/console/admin/duties")
	String duties(Actor actor, @RequestParam(required = false) Long orgId, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, Model model, HttpSession session) {
		return showDuties(actor, orgId, q, page, model, Map.of(), session);
	}

	@PostMapping("/console/admin/duties/{id}")
	String updateDuty(Actor actor, @PathVariable long id, @RequestParam(required = false) String title,
			@RequestParam(required = false) String keywords, RedirectAttributes flash, Locale locale) {
		try {
			admin.updateDuty(actor, id, title, keywords);
			flash.addFlashAttribute("notice", "console.done.saved");
		}
		catch (InvalidInputException e) {
			flash.addFlashAttribute("failure", String.join("; ", errors(e, locale).values()));
		}
		return "redirect:/console/admin/duties";
	}

	@PostMapping("/console/admin/duties/import/preview")
	String preview(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file, Model model,
			Locale locale, HttpSession session, HttpServletResponse response) throws IOException {
		try {
			if (file == null || file.isEmpty()) {
				throw new InvalidInputException("file", "is required");
			}
			List<ImportRow> rows = admin.preview(actor, file.getOriginalFilename(), file.getBytes());
			session.setAttribute(PREVIEW, new ArrayList<>(rows));
			return showDuties(actor, null, null, 0, model, Map.of(), session);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			session.removeAttribute(PREVIEW);
			return showDuties(actor, null, null, 0, model, errors(e, locale), session);
		}
	}

	@PostMapping("/console/admin/duties/import")
	String importRows(Actor actor, HttpSession session, RedirectAttributes flash, Locale locale) {
		@SuppressWarnings("unchecked")
		List<ImportRow> rows = (List<ImportRow>) session.getAttribute(PREVIEW);
		if (rows != null) {
			int n = admin.importRows(actor, rows);
			session.removeAttribute(PREVIEW);
			flash.addFlashAttribute("imported", n);
			flash.addFlashAttribute("notice", "console.admin.imported");
		}
		return "redirect:/console/admin/duties";
	}

	@PostMapping("/console/admin/duties/import/cancel")
	String cancel(HttpSession session) {
		session.removeAttribute(PREVIEW);
		return "redirect:/console/admin/duties";
	}

	private String showDuties(Actor actor, Long orgId, String q, int page, Model model, Map<String, String> errors,
			HttpSession session) {
		model.addAttribute("result", admin.duties(actor, orgId, q, Math.max(0, page), PAGE_SIZE));
		List<OrgUnit> units = orgUnits.all().stream().filter(o -> o.kind().canHandleTasks()).toList();
		model.addAttribute("units", units);
		model.addAttribute("unitNames", orgUnits.all().stream().collect(Collectors.toMap(OrgUnit::id, OrgUnit::name)));
		model.addAttribute("orgId", orgId);
		model.addAttribute("q", q == null ? "" : q);
		model.addAttribute("errors", errors);
		model.addAttribute("columns", String.join(",", CatalogAdministration.COLUMNS));
		@SuppressWarnings("unchecked")
		List<ImportRow> preview = (List<ImportRow>) session.getAttribute(PREVIEW);
		model.addAttribute("preview", preview);
		if (preview != null) {
			model.addAttribute("validRows", preview.stream().filter(ImportRow::valid).count());
		}
		return "catalog/duties";
	}

	private Map<String, String> errors(InvalidInputException e, Locale locale) {
		return e.fields().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
				f -> f.getValue().equals("must not be blank") || f.getValue().equals("is required")
						? messages.getMessage("console.validation.required", null, locale)
						: messages.getMessage("console.validation.rule", new Object[] { f.getValue() }, f.getValue(),
								locale)));
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}
}
