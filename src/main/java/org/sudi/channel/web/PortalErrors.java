package org.sudi.channel.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;
import org.sudi.platform.TooManyRequestsException;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/** The portal shows failures as a page with a plain message and a way back, never a stack trace. */
@ControllerAdvice(assignableTypes = { PortalController.class, PortalSignInController.class, WechatOAuthController.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound() {
		return page(HttpStatus.NOT_FOUND, "channel.error.notFound", null);
	}

	@ExceptionHandler(ForbiddenException.class)
	ModelAndView forbidden() {
		return page(HttpStatus.FORBIDDEN, "channel.error.forbidden", null);
	}

	@ExceptionHandler(IllegalTransitionException.class)
	ModelAndView illegal() {
		return page(HttpStatus.CONFLICT, "channel.error.illegal", null);
	}

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException e) {
		return page(HttpStatus.BAD_REQUEST, "channel.error.invalid", e.getMessage());
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ModelAndView tooMany() {
		return page(HttpStatus.TOO_MANY_REQUESTS, "channel.error.tooMany", null);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ModelAndView tooLarge() {
		return page(HttpStatus.PAYLOAD_TOO_LARGE, "channel.error.tooLarge", null);
	}

	/** Text the database cannot store (a NUL character): bad input, shown like any other. */
	@ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
	ModelAndView unstorable(org.springframework.dao.DataIntegrityViolationException e) throws Exception {
		if (!org.sudi.platform.UnstorableText.causedBy(e)) {
			throw e;
		}
		return page(HttpStatus.BAD_REQUEST, "channel.error.invalid", org.sudi.platform.UnstorableText.MESSAGE);
	}

	private static ModelAndView page(HttpStatus status, String messageKey, String detail) {
		ModelAndView mav = new ModelAndView("channel/error");
		mav.setStatus(status);
		mav.addObject("messageKey", messageKey);
		mav.addObject("detail", detail);
		return mav;
	}
}
