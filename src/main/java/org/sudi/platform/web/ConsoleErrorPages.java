package org.sudi.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;
import org.sudi.platform.UnstorableText;

/**
 * Failures of console pages as a page in the layout (never a stack trace): what happened in the
 * user's language, and a way back. Forms show their own field messages; this is the last resort.
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorPages {

	private static final Logger log = LoggerFactory.getLogger(ConsoleErrorPages.class);

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound(NotFoundException e) {
		return page(HttpStatus.NOT_FOUND, "platform.error.notFound", null);
	}

	@ExceptionHandler({ ForbiddenException.class, AccessDeniedException.class })
	ModelAndView forbidden(RuntimeException e) {
		return page(HttpStatus.FORBIDDEN, "platform.error.forbidden", e.getMessage());
	}

	@ExceptionHandler(IllegalTransitionException.class)
	ModelAndView conflict(IllegalTransitionException e) {
		return page(HttpStatus.CONFLICT, "platform.error.conflict", e.getMessage());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ModelAndView stale(OptimisticLockingFailureException e) {
		return page(HttpStatus.CONFLICT, "platform.error.stale", null);
	}

	@ExceptionHandler(InvalidInputException.class)
	ModelAndView invalid(InvalidInputException e) {
		return page(HttpStatus.BAD_REQUEST, "platform.error.invalid", e.getMessage());
	}

	/** A value in the address that is not of its type: named, without the converter's message (class names). */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView typeMismatch(MethodArgumentTypeMismatchException e) {
		return page(HttpStatus.BAD_REQUEST, "platform.error.invalid", e.getName());
	}

	/** Parameters the container could not decode (broken percent-encoding or UTF-8). */
	@ExceptionHandler(InvalidParameterException.class)
	ModelAndView undecodable(InvalidParameterException e) {
		return page(HttpStatus.BAD_REQUEST, "platform.error.invalid", null);
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception e) {
		if (e instanceof ErrorResponse response) {
			HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
			return page(status == null ? HttpStatus.BAD_REQUEST : status,
					status == HttpStatus.NOT_FOUND ? "platform.error.notFound" : "platform.error.invalid", null);
		}
		if (UnstorableText.causedBy(e)) {
			return page(HttpStatus.BAD_REQUEST, "platform.error.invalid", UnstorableText.MESSAGE);
		}
		if (DatabaseUnavailable.causedBy(e)) {
			log.warn("Database unavailable on a console page: {}", e.getMessage());
			return page(HttpStatus.SERVICE_UNAVAILABLE, "platform.error.unavailable", null);
		}
		log.error("Unexpected failure on a console page", e);
		return page(HttpStatus.INTERNAL_SERVER_ERROR, "platform.error.unexpected", null);
	}

	private static ModelAndView page(HttpStatus status, String messageKey, String detail) {
		ModelAndView mav = new ModelAndView("platform/error");
		mav.setStatus(status);
		mav.addObject("status", status.value());
		mav.addObject("messageKey", messageKey);
		mav.addObject("detail", detail);
		return mav;
	}
}
