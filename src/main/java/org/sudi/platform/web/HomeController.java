package org.sudi.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.sudi.platform.DemoMode;

/** The landing page: what Sudi is and where to start. */
@Controller
class HomeController {

	private final DemoMode demo;

	HomeController(DemoMode demo) {
		this.demo = demo;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("demo", demo.enabled());
		return "home";
	}
}
