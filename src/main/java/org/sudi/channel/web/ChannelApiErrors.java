package org.sudi.channel.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.sudi.platform.TooManyRequestsException;

/** A rate limit hit in a channel JSON endpoint: 429 problem with Retry-After. */
@RestControllerAdvice(assignableTypes = { IntegrationClientController.class, Police110Controller.class })
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ChannelApiErrors {

	@ExceptionHandler(TooManyRequestsException.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", String.valueOf(e.retryAfterSeconds()))
			.body(problem);
	}
}
