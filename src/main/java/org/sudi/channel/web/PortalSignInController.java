package org.sudi.channel.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.channel.internal.ClientAddress;
import org.sudi.channel.internal.PortalSignIn;
import org.sudi.platform.TooManyRequestsException;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signing in on the mobile portal with a one-time SMS code: citizens, and enterprises by credit code. */
@Controller
class PortalSignInController {

	private final PortalSignIn signIn;

	PortalSignInController(PortalSignIn signIn) {
		this.signIn = signIn;
	}

	@GetMapping("/m/login")
	String login(Model model) {
		return "channel/login";
	}

	@PostMapping("/m/login/code")
	String sendCode(@RequestParam(required = false) String phone, HttpServletRequest request, Model model) {
		return send(phone, request, model, "channel/login");
	}

	@PostMapping("/m/login")
	String verify(@RequestParam(required = false) String phone, @RequestParam(required = false) String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("phone", phone);
		model.addAttribute("codeSent", true);
		try {
			signIn.citizen(ClientAddress.of(request), phone, code, request, response);
			return "redirect:/m/requests";
		}
		catch (InvalidInputException e) {
			model.addAttribute("error", "channel.login.wrongCode");
			return "channel/login";
		}
		catch (TooManyRequestsException e) {
			model.addAttribute("error", "channel.error.tooMany");
			return "channel/login";
		}
	}

	@GetMapping("/m/enterprise/login")
	String enterpriseLogin(Model model) {
		return "channel/enterprise-login";
	}

	@PostMapping("/m/enterprise/login/code")
	String enterpriseCode(@RequestParam(required = false) String phone, @RequestParam(required = false) String creditCode,
			@RequestParam(required = false) String enterpriseName, HttpServletRequest request, Model model) {
		model.addAttribute("creditCode", creditCode);
		model.addAttribute("enterpriseName", enterpriseName);
		return send(phone, request, model, "channel/enterprise-login");
	}

	@PostMapping("/m/enterprise/login")
	String enterpriseVerify(@RequestParam(required = false) String phone, @RequestParam(required = false) String code,
			@RequestParam(required = false) String creditCode, @RequestParam(required = false) String enterpriseName,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		model.addAttribute("phone", phone);
		model.addAttribute("codeSent", true);
		model.addAttribute("creditCode", creditCode);
		model.addAttribute("enterpriseName", enterpriseName);
		try {
			signIn.enterprise(ClientAddress.of(request), phone, code, creditCode, enterpriseName, request, response);
			return "redirect:/m/requests";
		}
		catch (InvalidInputException e) {
			model.addAttribute("error", e.fields().containsKey("creditCode") ? "channel.enterprise.badCreditCode"
					: e.fields().containsKey("enterpriseName") ? "channel.enterprise.nameNeeded" : "channel.login.wrongCode");
			return "channel/enterprise-login";
		}
		catch (TooManyRequestsException e) {
			model.addAttribute("error", "channel.error.tooMany");
			return "channel/enterprise-login";
		}
	}

	private String send(String phone, HttpServletRequest request, Model model, String view) {
		model.addAttribute("phone", phone);
		try {
			signIn.sendCode(ClientAddress.of(request), phone);
			model.addAttribute("codeSent", true);
		}
		catch (InvalidInputException e) {
			model.addAttribute("error", "channel.login.badPhone");
		}
		catch (TooManyRequestsException e) {
			model.addAttribute("error", "channel.login.wait");
			model.addAttribute("codeSent", true);
		}
		return view;
	}
}
