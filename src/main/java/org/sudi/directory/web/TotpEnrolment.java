package org.sudi.directory.web;

import org.sudi.directory.Actor;
import org.sudi.directory.internal.SignIns;
import org.sudi.platform.InvalidInputException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * The secret being enrolled, kept in the session between showing it (QR code, Base32, otpauth URI)
 * and the code that confirms it: shared by the sign-in step and the account page.
 */
final class TotpEnrolment {

	static final String PENDING_SECRET = "sudi.totp.pending-secret";

	private TotpEnrolment() {
	}

	/** The secret shown for enrolment, made once per session until it is confirmed. */
	static String pendingSecret(HttpSession session, SignIns signIns) {
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			secret = signIns.newTotpSecret();
			session.setAttribute(PENDING_SECRET, secret);
		}
		return secret;
	}

	/**
	 * Enrols the pending secret, confirmed by a code from the app.
	 * @throws InvalidInputException when there is no pending secret or the code does not fit it
	 */
	static void confirm(SignIns signIns, Actor actor, HttpServletRequest request, String code) {
		HttpSession session = request.getSession();
		String secret = (String) session.getAttribute(PENDING_SECRET);
		if (secret == null) {
			throw new InvalidInputException("code", "start again");
		}
		signIns.enrol(attempt(actor, request), secret, code);
		session.removeAttribute(PENDING_SECRET);
	}

	static SignIns.Attempt attempt(Actor actor, HttpServletRequest request) {
		return new SignIns.Attempt(actor.username(), request.getRemoteAddr(), "console");
	}
}
