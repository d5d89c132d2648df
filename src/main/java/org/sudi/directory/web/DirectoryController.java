package org.sudi.directory.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.directory.internal.SignIns;
import org.sudi.directory.internal.TokenService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Directory", description = "Sign-in, the signed-in account and the organisation units")
class DirectoryController {

	private final TokenService tokens;
	private final OrgUnits orgUnits;
	private final Clock clock;

	DirectoryController(TokenService tokens, OrgUnits orgUnits, Clock clock) {
		this.tokens = tokens;
		this.orgUnits = orgUnits;
		this.clock = clock;
	}

	/**
	 * @param totp the 6-digit code of the account's authenticator app (accounts with a second factor)
	 * @param newPassword with an expired password: the new one, changed in the same call
	 */
	// Bounded: the sign-in throttle keys its rows by username, and PostgreSQL cannot index a key of
	// some kilobytes (a 100k username was a 503; found by MalformedInputTests).
	record TokenRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password,
			@Size(max = 20) String totp, @Size(max = 200) String newPassword) {
	}

	@PostMapping("/api/v1/auth/token")
	@Operation(summary = "Exchange a username and password (and TOTP code) for a bearer token", description = """
			401 `SIGN_IN_FAILED` wrong username, password or code; 401 `TOTP_REQUIRED` send the authenticator
			app's code in `totp`; 403 `TOTP_ENROLMENT_REQUIRED` the role needs a second factor: enrol in the
			console first; 403 `PASSWORD_EXPIRED` send `newPassword` with the current `password` (or change it
			in the console); 429 `SIGN_IN_LOCKED` too many failures, try again after `Retry-After` seconds.""")
	ResponseEntity<?> token(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
		TokenService.Issue issue = tokens.issue(request.username(), request.password(), request.totp(),
				request.newPassword(), http.getRemoteAddr());
		if (issue.token() != null) {
			TokenService.IssuedToken t = issue.token();
			return ResponseEntity.ok(Map.of("access_token", t.value(), "token_type", "Bearer", "expires_in",
					t.expiresInSeconds()));
		}
		SignIns.Result r = issue.result();
		return switch (r.outcome()) {
			case LOCKED -> {
				long seconds = Math.max(1, Duration.between(clock.instant(), r.lockedUntil()).toSeconds());
				yield ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
					.body(problem(HttpStatus.TOO_MANY_REQUESTS, "SIGN_IN_LOCKED", "Too many failed sign-ins: try again in "
							+ seconds + " seconds"));
			}
			case TOTP_REQUIRED -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem(HttpStatus.UNAUTHORIZED,
					"TOTP_REQUIRED", "This account signs in with a second factor: send the 6-digit code of your "
							+ "authenticator app in the field totp"));
			case TOTP_ENROLMENT_REQUIRED -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN,
					"TOTP_ENROLMENT_REQUIRED", "Your role signs in with a second factor: sign in to the console once "
							+ "(/login) to enrol an authenticator app"));
			case PASSWORD_EXPIRED -> ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN,
					"PASSWORD_EXPIRED", "Your password has expired: send newPassword together with your current password "
							+ "to change it, or change it in the console"));
			default -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem(HttpStatus.UNAUTHORIZED,
					"SIGN_IN_FAILED", "Wrong username, password or one-time code"));
		};
	}

	private static ProblemDetail problem(HttpStatus status, String code, String detail) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
		p.setProperty("code", code);
		return p;
	}

	record OrgView(long id, String code, String name, OrgKind kind, Long parentId) {
		static OrgView of(OrgUnit o) {
			return new OrgView(o.id(), o.code(), o.name(), o.kind(), o.parentId());
		}
	}

	record MeView(String username, String displayName, Set<Role> roles, OrgView org) {
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The signed-in account, its roles and its unit")
	MeView me(Actor actor) {
		OrgView org = actor.orgId() == null ? null : orgUnits.find(actor.orgId()).map(OrgView::of).orElse(null);
		return new MeView(actor.username(), actor.displayName(), actor.roles(), org);
	}

	@GetMapping("/api/v1/orgs")
	@Operation(summary = "All organisation units")
	List<OrgView> orgs(Actor actor) {
		return orgUnits.all().stream().map(OrgView::of).toList();
	}
}
