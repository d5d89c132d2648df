package org.sudi.channel.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.sudi.channel.internal.Open311Exception;
import org.sudi.platform.Idempotency;
import org.sudi.platform.TooManyRequestsException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Every failure of the Open311 endpoints in GeoReport's error format, in the format of the URL: 404 for
 * what does not exist, 403 for a missing or wrong api_key, 400 for the rest (429 when a rate limit hits).
 */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {

	private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

	@ExceptionHandler(Open311Exception.class)
	ResponseEntity<String> open311(Open311Exception e, HttpServletRequest request) {
		return Open311Format.errors(format(request), e.status(), e.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<String> notFound(NotFoundException e, HttpServletRequest request) {
		return Open311Format.errors(format(request), 404, e.getMessage());
	}

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<String> invalid(InvalidInputException e, HttpServletRequest request) {
		return Open311Format.errors(format(request), 400, e.getMessage());
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<String> tooMany(TooManyRequestsException e, HttpServletRequest request) {
		ResponseEntity<String> r = Open311Format.errors(format(request), 429, e.getMessage());
		return ResponseEntity.status(429).headers(r.getHeaders())
			.header("Retry-After", String.valueOf(e.retryAfterSeconds())).body(r.getBody());
	}

	@ExceptionHandler(Idempotency.KeyReusedException.class)
	ResponseEntity<String> keyReused(Idempotency.KeyReusedException e, HttpServletRequest request) {
		return Open311Format.errors(format(request), 422, e.getMessage());
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<String> multipart(MultipartException e, HttpServletRequest request) {
		return Open311Format.errors(format(request), 400, "The multipart request could not be read (media too large?)");
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<String> general(Exception e, HttpServletRequest request) {
		log.warn("Open311 request failed", e);
		return Open311Format.errors(format(request), 400, "General service error: the request could not be processed");
	}

	static String format(HttpServletRequest request) {
		return request.getRequestURI().endsWith(".json") ? "json" : "xml";
	}
}
