package org.sudi.channel.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Rating;
import org.sudi.channel.internal.ChannelProperties;
import org.sudi.channel.internal.ClientAddress;
import org.sudi.channel.internal.Portal;
import org.sudi.channel.internal.Portal.Draft;
import org.sudi.channel.internal.Portal.Photo;
import org.sudi.channel.internal.StatusWords;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;

/** The mobile portal (H5): submit, my requests, one request with its timeline and actions, public lookup. */
@Controller
class PortalController {

	private final Portal portal;
	private final ChannelProperties properties;

	PortalController(Portal portal, ChannelProperties properties) {
		this.portal = portal;
		this.properties = properties;
	}

	@GetMapping({ "/m", "/m/" })
	String home(Model model, java.security.Principal principal) {
		model.addAttribute("signedIn", principal != null);
		return "channel/home";
	}

	@GetMapping("/m/requests/new")
	String newRequest(Actor actor, Model model) {
		form(actor, model);
		return "channel/new";
	}

	@PostMapping("/m/requests")
	String submit(Actor actor, @RequestParam(required = false) String categoryCode,
			@RequestParam(required = false) String title, @RequestParam(required = false) String description,
			@RequestParam(required = false) Long townId, @RequestParam(required = false) String address,
			@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lon,
			@RequestParam(required = false) boolean anonymous,
			@RequestParam(name = "photos", required = false) List<MultipartFile> files, Model model) throws IOException {
		List<Photo> photos = new ArrayList<>();
		for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
			if (!f.isEmpty()) {
				photos.add(new Photo(f.getOriginalFilename(), f.getInputStream()));
			}
		}
		try {
			CaseSummary c = portal.submit(actor, new Draft(categoryCode, title, description, townId, lat, lon, address,
					anonymous, photos));
			return "redirect:/m/requests/" + c.trackingNo() + "?submitted";
		}
		catch (InvalidInputException e) {
			form(actor, model);
			model.addAttribute("error", e.getMessage());
			model.addAttribute("errorFields", e.fields().keySet());
			model.addAttribute("categoryCode", categoryCode);
			model.addAttribute("description", description);
			model.addAttribute("townId", townId);
			model.addAttribute("address", address);
			model.addAttribute("anonymous", anonymous);
			return "channel/new";
		}
	}

	private void form(Actor actor, Model model) {
		model.addAttribute("enterprise", actor.has(Role.ENTERPRISE));
		model.addAttribute("groups", portal.groups());
		model.addAttribute("other", Portal.OTHER);
		model.addAttribute("towns", portal.towns());
		model.addAttribute("map", properties.map());
	}

	@GetMapping("/m/requests")
	String mine(Actor actor, Model model) {
		model.addAttribute("cases", portal.mine(actor));
		model.addAttribute("words", new Words());
		model.addAttribute("enterprise", actor.has(Role.ENTERPRISE));
		return "channel/mine";
	}

	@GetMapping("/m/requests/{trackingNo}")
	String one(Actor actor, @PathVariable String trackingNo, Model model, Locale locale) {
		CaseSummary c = portal.mine(actor, trackingNo);
		model.addAttribute("c", c);
		model.addAttribute("statusKey", StatusWords.key(c));
		model.addAttribute("steps", portal.timeline(c, locale));
		model.addAttribute("lead", portal.unitName(c.leadOrgId()));
		model.addAttribute("ratings", Rating.values());
		return "channel/detail";
	}

	@PostMapping("/m/requests/{trackingNo}/information")
	String addInformation(Actor actor, @PathVariable String trackingNo, @RequestParam(required = false) String note) {
		portal.addInformation(actor, trackingNo, note);
		return "redirect:/m/requests/" + trackingNo;
	}

	@PostMapping("/m/requests/{trackingNo}/withdraw")
	String withdraw(Actor actor, @PathVariable String trackingNo, @RequestParam(required = false) String reason) {
		portal.withdraw(actor, trackingNo, reason == null || reason.isBlank() ? "诉求人撤回" : reason);
		return "redirect:/m/requests/" + trackingNo;
	}

	@PostMapping("/m/requests/{trackingNo}/evaluate")
	String evaluate(Actor actor, @PathVariable String trackingNo, @RequestParam(required = false) Rating rating,
			@RequestParam(required = false) String comment) {
		portal.evaluate(actor, trackingNo, rating, comment);
		return "redirect:/m/requests/" + trackingNo + "?evaluated";
	}

	@GetMapping("/m/lookup")
	String lookupForm(Model model) {
		return "channel/lookup";
	}

	@PostMapping("/m/lookup")
	String lookup(@RequestParam(required = false) String trackingNo, @RequestParam(required = false) String last4,
			HttpServletRequest request, Model model, Locale locale) {
		model.addAttribute("trackingNo", trackingNo);
		var found = portal.lookup(ClientAddress.of(request), trackingNo, last4);
		if (found.isEmpty()) {
			model.addAttribute("notFound", true);
			return "channel/lookup";
		}
		CaseSummary c = found.get();
		model.addAttribute("c", c);
		model.addAttribute("statusKey", StatusWords.key(c));
		model.addAttribute("steps", portal.timeline(c, locale));
		return "channel/lookup";
	}

	/** Status message keys for the list page. */
	static final class Words {
		public String key(CaseSummary c) {
			return StatusWords.key(c);
		}
	}
}
