package org.sudi.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.Idempotency;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.LimitedBodyRequest;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;
import org.sudi.platform.UnstorableText;

/**
 * Turns every failure into an RFC 9457 problem: 400 with the offending fields named, 403, 404, 409
 * naming the current status or a stale version, 503 with Retry-After while the database is unreachable,
 * and a plain 500 with no stack trace.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
	}

	@ExceptionHandler({ ForbiddenException.class, AccessDeniedException.class })
	ProblemDetail forbidden(RuntimeException e) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
	}

	@ExceptionHandler(IllegalTransitionException.class)
	ProblemDetail illegalTransition(IllegalTransitionException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
		problem.setTitle("Not allowed in the current status");
		problem.setProperty("currentStatus", e.currentStatus());
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail stale(OptimisticLockingFailureException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Someone else changed this case at the same time; reload it and try again");
		problem.setTitle("Stale version");
		return problem;
	}

	@ExceptionHandler(Idempotency.KeyReusedException.class)
	ProblemDetail keyReused(Idempotency.KeyReusedException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

	@ExceptionHandler(InvalidInputException.class)
	ProblemDetail invalid(InvalidInputException e) {
		return invalid(e.getMessage(), e.fields().entrySet().stream().map(f -> new FieldError(f.getKey(), f.getValue())).toList());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		return invalid("Invalid value for " + e.getName(), List.of(new FieldError(e.getName(), "invalid value")));
	}

	/** Query or form parameters the container could not decode (broken percent-encoding or UTF-8). */
	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail undecodable(InvalidParameterException e) {
		return invalid("The request's parameters are not valid UTF-8 or not properly percent-encoded", List.of());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception e) {
		if (UnstorableText.causedBy(e)) {
			return ResponseEntity.badRequest().body(invalid(UnstorableText.MESSAGE, List.of()));
		}
		if (DatabaseUnavailable.causedBy(e)) {
			log.warn("Database unavailable: {}", e.getMessage());
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The service is briefly unavailable; what you sent was not saved. Please try again shortly.");
			problem.setTitle("Service unavailable");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
				.body(problem);
		}
		log.error("Unexpected failure", e);
		return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; nothing you sent was lost. Please try again."));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors()
			.forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
		ex.getBindingResult().getGlobalErrors()
			.forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
		return ResponseEntity.badRequest().body(invalid("Invalid request: " + describe(errors), errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
				new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
		return ResponseEntity.badRequest().body(invalid("Invalid request: " + describe(errors), errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof LimitedBodyRequest.PayloadTooLargeException) {
				// A chunked body that went past the limit while it was read (ADR 0030).
				return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ProblemDetail
					.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large (请求内容过大)"));
			}
		}
		return ResponseEntity.badRequest().body(invalid(
				"The request body is not valid JSON of the expected shape", List.of()));
	}

	private static String describe(List<FieldError> errors) {
		return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
	}

	private static ProblemDetail invalid(String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid input");
		problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message",
				e.message() == null ? "invalid" : e.message())).toList());
		return problem;
	}

	record FieldError(String field, String message) {
	}
}
