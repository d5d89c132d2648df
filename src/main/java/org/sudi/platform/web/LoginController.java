package org.sudi.platform.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.DemoMode;

/** The console's sign-in page; Spring Security takes the POST to /login and /logout. */
@Controller
@ConsolePage
class LoginController {

	private final DemoMode demo;

	LoginController(DemoMode demo) {
		this.demo = demo;
	}

	@GetMapping("/login")
	String login(Model model, jakarta.servlet.http.HttpServletRequest request) {
		Authentication current = SecurityContextHolder.getContext().getAuthentication();
		if (current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken)
				&& request.getParameter("locked") == null) {
			return "redirect:/console";
		}
		model.addAttribute("demo", demo.enabled());
		model.addAttribute("loginError", request.getParameter("error") != null);
		model.addAttribute("loggedOut", request.getParameter("logout") != null);
		model.addAttribute("expired", request.getParameter("expired") != null);
		jakarta.servlet.http.HttpSession session = request.getSession(false);
		model.addAttribute("locked", request.getParameter("locked") != null || (request.getParameter("error") != null
				&& session != null && session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION) instanceof LockedException));
		return "platform/login";
	}
}
