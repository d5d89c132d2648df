package org.sudi.directory.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.sudi.directory.internal.TokenService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

@RestController
@Tag(name = "Directory", description = "Sign-in, the signed-in account and the organisation units")
class DirectoryController {

	private final TokenService tokens;
	private final OrgUnits orgUnits;

	DirectoryController(TokenService tokens, OrgUnits orgUnits) {
		this.tokens = tokens;
		this.orgUnits = orgUnits;
	}

	record TokenRequest(@NotBlank String username, @NotBlank String password) {
	}

	@PostMapping("/api/v1/auth/token")
	@Operation(summary = "Exchange a username and password for a bearer token")
	ResponseEntity<?> token(@Valid @RequestBody TokenRequest request) {
		return tokens.issue(request.username(), request.password())
			.<ResponseEntity<?>>map(t -> ResponseEntity.ok(Map.of("access_token", t.value(), "token_type", "Bearer",
					"expires_in", t.expiresInSeconds())))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "Wrong username or password")));
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
