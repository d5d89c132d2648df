package org.sudi.insight.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The screen, watch and public pages. Each is a self-contained page; the screen and watch pages sign
 * in on the page itself (a bearer token from the API, kept for the browser tab) until the staff
 * console's session login covers them.
 */
@Controller
class InsightPages {

	@GetMapping("/screen")
	String screen() {
		return "insight/screen";
	}

	@GetMapping("/watch")
	String watch() {
		return "insight/watch";
	}

	@GetMapping("/public")
	String publicPage() {
		return "insight/public";
	}
}
