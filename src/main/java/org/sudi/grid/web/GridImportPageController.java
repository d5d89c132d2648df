package org.sudi.grid.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.grid.internal.GridService;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Administration: import grids from a GeoJSON file, all or nothing, with every problem listed. */
@Controller
@ConsolePage
class GridImportPageController {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GridService grids;

	GridImportPageController(GridService grids) {
		this.grids = grids;
	}

	@GetMapping("/console/admin/grids")
	String page(Actor actor, Model model) {
		requireAdmin(actor);
		model.addAttribute("problems", List.of());
		return "grid/import";
	}

	@PostMapping("/console/admin/grids")
	String importFile(Actor actor, @RequestParam(name = "file", required = false) MultipartFile file, Model model)
			throws IOException {
		requireAdmin(actor);
		List<String> problems = new ArrayList<>();
		if (file == null || file.isEmpty()) {
			problems.add("请选择一个 GeoJSON 文件 choose a GeoJSON file");
		}
		else {
			try {
				model.addAttribute("result", grids.importGeoJson(actor, JSON.readTree(file.getInputStream())));
			}
			catch (JacksonException e) {
				problems.add("不是有效的 JSON not valid JSON: " + e.getOriginalMessage());
			}
			catch (InvalidInputException e) {
				problems.add(e.getMessage());
				e.fields().forEach((field, message) -> problems.add(field + ": " + message));
			}
		}
		model.addAttribute("problems", problems);
		return "grid/import";
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only administrators import grids");
		}
	}
}
