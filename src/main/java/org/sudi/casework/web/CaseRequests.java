package org.sudi.casework.web;

import java.util.List;
import java.util.UUID;

import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Rating;
import org.sudi.casework.Urgency;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies the case and task endpoints accept. */
final class CaseRequests {

	private CaseRequests() {
	}

	record LocationBody(@DecimalMin("-90") @DecimalMax("90") Double lat, @DecimalMin("-180") @DecimalMax("180") Double lon,
			@Size(max = 500) String address) {

		@AssertTrue(message = "give both lat and lon, or neither")
		boolean isPointComplete() {
			return (lat == null) == (lon == null);
		}
	}

	record RequesterBody(@Size(max = 50) String name,
			@Pattern(regexp = "^[0-9+\\-]{5,20}$", message = "must be a phone number") String phone) {
	}

	record CreateCase(@NotNull CaseType type, @NotBlank @Size(max = 200) String title,
			@NotBlank @Size(max = 5000) String description, @Size(max = 100) String categoryCode, Urgency urgency,
			Long townId, @Valid LocationBody location, @Valid RequesterBody requester, Channel channel,
			Boolean anonymous, @Size(max = 9) List<@NotNull UUID> attachmentIds) {
	}

	record Information(@NotBlank @Size(max = 2000) String note) {
	}

	record Accept(Long assigneeOrgId, @Size(max = 2000) String note) {
	}

	record Reason(@NotBlank @Size(max = 2000) String reason) {
	}

	record Dispatch(@NotNull Long leadOrgId, @Size(max = 20) List<@NotNull Long> assistOrgIds, Long dutyId,
			@Size(max = 2000) String note) {
	}

	record Merge(@NotNull UUID intoCaseId, @Size(max = 2000) String note) {
	}

	record Evaluate(@NotNull Rating rating, @Size(max = 2000) String comment) {
	}

	record Instruct(@NotBlank @Size(max = 2000) String text) {
	}

	record Verify(@NotNull Boolean passed, @Size(max = 2000) String note) {
	}

	record Note(@Size(max = 2000) String note) {
	}

	record Complete(@NotBlank @Size(max = 5000) String result, @Size(max = 20) List<@NotNull UUID> attachmentIds) {
	}

	record Extension(@NotNull @Min(1) @Max(30) Integer days, @NotBlank @Size(max = 2000) String reason) {
	}

	record Decision(@NotNull Boolean approve, @Size(max = 2000) String note) {
	}
}
