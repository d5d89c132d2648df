package org.sudi.directory.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.sudi.directory.Actor;
import org.sudi.directory.internal.SignIns;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/** The signed-in account's own page: change the password, enrol or remove an authenticator app. */
@Controller
@ConsolePage
class MyAccountController {

	private final SignIns signIns;
	private final MessageSource messages;

	MyAccountController(SignIns signIns, MessageSource messages) {
		this.signIns = signIns;
		this.messages = messages;
	}

	@GetMapping("/console/account")
	String account(Actor actor, Model model, HttpSession session) {
		return show(actor, model, session, null, null);
	}

	@PostMapping("/console/account/password")
	String password(Actor actor, @RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword, @RequestParam(required = false) String repeat,
			Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		try {
			if (newPassword == null || !newPassword.equals(repeat)) {
				throw new InvalidInputException("repeat", "the two entries differ");
			}
			signIns.changePassword(attempt(actor, request), currentPassword == null ? "" : currentPassword, newPassword);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return show(actor, model, request.getSession(), String.join("; ", e.fields().values()), null);
		}
		flash.addFlashAttribute("notice", "identity.password.changed");
		return "redirect:/console/account";
	}

	@PostMapping("/console/account/totp")
	String enrol(Actor actor, @RequestParam(required = false) String code, Model model, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash, Locale locale) {
		try {
			TotpEnrolment.confirm(signIns, actor, request, code);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return show(actor, model, request.getSession(), null, messages.getMessage("identity.totp.wrong", null, locale));
		}
		flash.addFlashAttribute("notice", "identity.totp.enrolled");
		return "redirect:/console/account";
	}

	@PostMapping("/console/account/totp/remove")
	String remove(Actor actor, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		try {
			signIns.removeSecondFactor(actor.username(), actor.username());
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return show(actor, model, request.getSession(), null, String.join("; ", e.fields().values()));
		}
		flash.addFlashAttribute("notice", "identity.totp.removed");
		return "redirect:/console/account";
	}

	private String show(Actor actor, Model model, HttpSession session, String passwordError, String totpError) {
		boolean enrolled = signIns.hasSecondFactor(actor.username());
		model.addAttribute("enrolled", enrolled);
		model.addAttribute("required", signIns.secondFactorRequired(actor.username()));
		model.addAttribute("rules", signIns.passwordRules());
		model.addAttribute("passwordError", passwordError);
		model.addAttribute("totpError", totpError);
		if (!enrolled) {
			String secret = TotpEnrolment.pendingSecret(session, signIns);
			model.addAttribute("secret", secret);
			model.addAttribute("uri", signIns.totpUri(secret, actor.username()));
		}
		return "directory/account";
	}

	private static SignIns.Attempt attempt(Actor actor, HttpServletRequest request) {
		return TotpEnrolment.attempt(actor, request);
	}
}
