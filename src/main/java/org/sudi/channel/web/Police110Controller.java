package org.sudi.channel.web;

import java.time.Instant;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Outcome;
import org.sudi.channel.internal.ApiKeyFilter;
import org.sudi.channel.internal.IntegrationClients.Client;
import org.sudi.channel.internal.Police110Transfers;
import org.sudi.channel.internal.Police110Transfers.Transfer;
import org.sudi.channel.internal.StatusWords;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/v1/integrations/police110/cases")
@Tag(name = "110 transfers", description = "110 非警情转办: the police dispatch system hands over non-police matters (X-Api-Key)")
class Police110Controller {

	private final Police110Transfers transfers;
	private final OrgUnits orgUnits;

	Police110Controller(Police110Transfers transfers, OrgUnits orgUnits) {
		this.transfers = transfers;
		this.orgUnits = orgUnits;
	}

	record TransferBody(@NotBlank @Size(max = 64) String incidentNo, @Size(max = 200) String title,
			@NotBlank @Size(max = 5000) String description, Long townId, @Size(max = 100) String townCode,
			@Size(max = 500) String address, @DecimalMin("-90") @DecimalMax("90") Double lat,
			@DecimalMin("-180") @DecimalMax("180") Double lon, @Size(max = 50) String callerName,
			@Pattern(regexp = "^[0-9+\\-]{5,20}$", message = "must be a phone number") String callerPhone,
			@Size(max = 100) String categoryCode, Boolean urgent) {
	}

	record TransferView(String incidentNo, String trackingNo, CaseStatus status, Outcome outcome, String statusText,
			boolean duplicate) {
	}

	record HistoryView(Instant at, String action, CaseStatus status, String statusText) {
	}

	record StatusView(String incidentNo, String trackingNo, CaseStatus status, Outcome outcome, String statusText,
			String leadUnit, String result, Instant createdAt, Instant updatedAt, List<HistoryView> history) {
	}

	@PostMapping
	@Operation(summary = "Hand over a non-police matter; the same incident number again answers with the same case (200)")
	ResponseEntity<TransferView> transfer(@RequestAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE) Client client,
			@Valid @RequestBody TransferBody body) {
		Long townId = town(body.townId(), body.townCode());
		var outcome = transfers.transfer(client,
				new Transfer(body.incidentNo(), body.title(), body.description(), townId, body.address(), body.lat(),
						body.lon(), body.callerName(), body.callerPhone(), body.categoryCode(),
						Boolean.TRUE.equals(body.urgent())));
		CaseSummary c = outcome.c();
		TransferView view = new TransferView(body.incidentNo().strip(), c.trackingNo(), c.status(), c.outcome(),
				StatusWords.text(c.status(), c.outcome()), !outcome.created());
		return outcome.created()
				? ResponseEntity.created(java.net.URI.create("/api/v1/integrations/police110/cases/" + view.incidentNo()))
					.body(view)
				: ResponseEntity.ok(view);
	}

	@GetMapping("/{incidentNo}")
	@Operation(summary = "Read back the status of one of this client's transfers")
	StatusView status(@RequestAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE) Client client, @PathVariable String incidentNo) {
		CaseSummary c = transfers.status(client, incidentNo);
		List<HistoryView> history = transfers.history(c).stream()
			.filter(e -> e.toStatus() != null && e.toStatus() != e.fromStatus())
			.map(Police110Controller::history)
			.toList();
		String lead = c.leadOrgId() == null ? null : orgUnits.find(c.leadOrgId()).map(OrgUnit::name).orElse(null);
		return new StatusView(incidentNo, c.trackingNo(), c.status(), c.outcome(), StatusWords.text(c.status(), c.outcome()),
				lead, c.result(), c.createdAt(), c.updatedAt(), history);
	}

	private static HistoryView history(CaseHistoryEntry e) {
		return new HistoryView(e.at(), e.action(), e.toStatus(), StatusWords.text(e.toStatus(), null));
	}

	private Long town(Long townId, String townCode) {
		if (townId != null) {
			return townId;
		}
		if (townCode == null || townCode.isBlank()) {
			throw new InvalidInputException("townCode", "give the town (townId or townCode) whose review the matter goes to");
		}
		return orgUnits.findByCode(townCode.strip()).filter(o -> o.kind() == OrgKind.TOWN).map(OrgUnit::id)
			.orElseThrow(() -> new InvalidInputException("townCode", "no town with code " + townCode));
	}
}
