package org.sudi.directory.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.sudi.directory.Actor;
import org.sudi.directory.internal.ConsoleAuthentications;
import org.sudi.directory.internal.ConsoleAuthentications.Step;
import org.sudi.directory.internal.SignIns;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.DemoMode;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The console's sign-in steps after a right password (ADR 0026): the TOTP code, the enrolment of an
 * authenticator app when the role requires one, and a new password when the old one has expired. Each
 * step replaces the session's sign-in with the next step's, or with the complete sign-in.
 */
@Controller
@ConsolePage
class SignInStepsController {

	private final SignIns signIns;
	private final MessageSource messages;
	private final DemoMode demo;
	private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

	SignInStepsController(SignIns signIns, MessageSource messages, DemoMode demo) {
		this.signIns = signIns;
		this.messages = messages;
		this.demo = demo;
	}

	@GetMapping("/console/sign-in/totp")
	String totp(Model model) {
		Actor actor = pendingActor(Step.TOTP);
		model.addAttribute("step", "totp");
		model.addAttribute("demoAdmin", demo.enabled() && "admin".equals(actor.username()));
		return "directory/sign-in-step";
	}

	@PostMapping("/console/sign-in/totp")
	String totp(@RequestParam(required = false) String code, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		Actor actor = pendingActor(Step.TOTP);
		SignIns.Result r = signIns.secondFactor(attempt(actor, request), code);
		if (r.outcome() == SignIns.Outcome.LOCKED) {
			return lockedOut(request);
		}
		if (r.outcome() == SignIns.Outcome.FAILED) {
			response.setStatus(422);
			model.addAttribute("step", "totp");
			model.addAttribute("error", messages.getMessage("identity.totp.wrong", null, locale));
			return "directory/sign-in-step";
		}
		return next(actor, r, request, response);
	}

	@GetMapping("/console/sign-in/enrol")
	String enrol(Model model, HttpSession session) {
		Actor actor = pendingActor(Step.TOTP_ENROLMENT);
		return showEnrol(actor, model, session, null);
	}

	@PostMapping("/console/sign-in/enrol")
	String enrol(@RequestParam(required = false) String code, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		Actor actor = pendingActor(Step.TOTP_ENROLMENT);
		try {
			TotpEnrolment.confirm(signIns, actor, request, code);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			return showEnrol(actor, model, request.getSession(), messages.getMessage("identity.totp.wrong", null, locale));
		}
		return next(actor, signIns.afterEnrolment(attempt(actor, request)), request, response);
	}

	/** The QR code of the secret being enrolled (sign-in step or account page), as a PNG. */
	@GetMapping(value = { "/console/sign-in/enrol/qr.png", "/console/account/totp/qr.png" }, produces = MediaType.IMAGE_PNG_VALUE)
	ResponseEntity<byte[]> qr(HttpSession session) {
		String secret = (String) session.getAttribute(TotpEnrolment.PENDING_SECRET);
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (secret == null || auth == null) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok().header("Cache-Control", "no-store")
			.body(signIns.totpQr(secret, auth.getName()));
	}

	private String showEnrol(Actor actor, Model model, HttpSession session, String error) {
		String secret = TotpEnrolment.pendingSecret(session, signIns);
		model.addAttribute("step", "enrol");
		model.addAttribute("secret", secret);
		model.addAttribute("uri", signIns.totpUri(secret, actor.username()));
		model.addAttribute("error", error);
		return "directory/sign-in-step";
	}

	@GetMapping("/console/sign-in/password")
	String password(Model model) {
		pendingActor(Step.PASSWORD_CHANGE);
		model.addAttribute("step", "password");
		model.addAttribute("rules", signIns.passwordRules());
		return "directory/sign-in-step";
	}

	@PostMapping("/console/sign-in/password")
	String password(@RequestParam(required = false) String newPassword, @RequestParam(required = false) String repeat,
			Model model, HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Actor actor = pendingActor(Step.PASSWORD_CHANGE);
		try {
			if (newPassword == null || !newPassword.equals(repeat)) {
				throw new InvalidInputException("repeat", "the two entries differ");
			}
			signIns.changePassword(attempt(actor, request), null, newPassword);
		}
		catch (InvalidInputException e) {
			response.setStatus(422);
			model.addAttribute("step", "password");
			model.addAttribute("rules", signIns.passwordRules());
			model.addAttribute("error", String.join("; ", e.fields().values()));
			return "directory/sign-in-step";
		}
		return next(actor, signIns.completeAfterPasswordChange(attempt(actor, request)), request, response);
	}

	private String next(Actor actor, SignIns.Result r, HttpServletRequest request, HttpServletResponse response) {
		var step = ConsoleAuthentications.stepFor(r.outcome());
		Authentication next = step.map(s -> ConsoleAuthentications.pending(actor, s))
			.orElseGet(() -> ConsoleAuthentications.complete(actor));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(next);
		SecurityContextHolder.setContext(context);
		if (step.isEmpty()) {
			request.changeSessionId();
		}
		contexts.saveContext(context, request, response);
		return "redirect:" + step.map(Step::path).orElse("/console");
	}

	private String lockedOut(HttpServletRequest request) {
		SecurityContextHolder.clearContext();
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		return "redirect:/login?locked";
	}

	private static SignIns.Attempt attempt(Actor actor, HttpServletRequest request) {
		return TotpEnrolment.attempt(actor, request);
	}

	/** The signed-in account of a sign-in that owes exactly this step. */
	private static Actor pendingActor(Step step) {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !(auth.getPrincipal() instanceof Actor actor)
				|| ConsoleAuthentications.stepOf(auth).filter(step::equals).isEmpty()) {
			throw new org.sudi.platform.ForbiddenException("No sign-in step is pending here");
		}
		return actor;
	}
}
