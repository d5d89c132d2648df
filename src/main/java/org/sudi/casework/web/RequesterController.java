package org.sudi.casework.web;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.casework.application.RequesterDisclosure;
import org.sudi.casework.domain.Requester;
import org.sudi.directory.Actor;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * The requester's personal data (ADR 0028): revealed in full only on request, audited; cases found by a
 * caller's phone through its keyed hash. The phone travels in the body, never in a URL (access logs).
 */
@RestController
@RequestMapping("/api/v1/cases")
@Tag(name = "Cases")
class RequesterController {

	private final RequesterDisclosure disclosure;

	private final Clock clock;

	RequesterController(RequesterDisclosure disclosure, Clock clock) {
		this.disclosure = disclosure;
		this.clock = clock;
	}

	record RevealedView(String trackingNo, String name, String phone) {
	}

	record PhoneQuery(@NotBlank @Pattern(regexp = "^[0-9+\\- ]{5,20}$", message = "must be a phone number") String phone) {
	}

	@PostMapping("/{id}/requester/reveal")
	@Operation(summary = "The requester's full name and phone, for those entitled (recorded in the audit log)")
	ResponseEntity<RevealedView> reveal(Actor actor, @PathVariable UUID id) {
		RequesterDisclosure.Revealed r = disclosure.reveal(actor, id);
		Requester p = r.requester();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new RevealedView(r.c().trackingNo(), p.name(), p.phone()));
	}

	@PostMapping("/search-by-phone")
	@Operation(summary = "A caller's cases by phone number (hotline, command centre), newest first; requesters masked")
	List<CaseView> byPhone(Actor actor, @Valid @RequestBody PhoneQuery query) {
		return disclosure.byPhone(actor, query.phone(), 50).stream()
			.map(c -> CaseView.of(c, actor, clock.instant()))
			.toList();
	}
}
