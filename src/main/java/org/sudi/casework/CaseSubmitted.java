package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case entered the platform (诉求上报), with what it says and where, for the modules that learn
 * from it (triage, statistics, grid counts, assessment). {@code categoryCode} may be null (not yet
 * classified); {@code lat}/{@code lon} are null when no point was given; {@code villageId},
 * {@code gridCode} and {@code specialGridCodes} say where it was placed (null and empty when it has
 * no place in the district); {@code initiatingOrgId} is the unit that blew the whistle of an
 * ENFORCEMENT case, else null.
 */
public record CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId,
		Channel channel, Urgency urgency, String title, String description, String categoryCode, Double lat,
		Double lon, Instant at, Long villageId, String gridCode, List<String> specialGridCodes,
		Long initiatingOrgId) {

	/** Without text, place and initiating unit (for tests of modules that need none of them). */
	public CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId, Channel channel,
			Urgency urgency, Instant at) {
		this(caseId, trackingNo, type, status, townId, channel, urgency, null, null, null, null, null, at, null, null,
				List.of(), null);
	}

	public CaseSubmitted {
		specialGridCodes = specialGridCodes == null ? List.of() : List.copyOf(specialGridCodes);
	}
}
