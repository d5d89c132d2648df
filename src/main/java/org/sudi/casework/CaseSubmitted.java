package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case entered the platform (诉求上报). {@code villageId}, {@code gridCode} and
 * {@code specialGridCodes} say where it was placed (null and empty when it has no place in the district).
 */
public record CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId,
		Channel channel, Urgency urgency, Instant at, Long villageId, String gridCode, List<String> specialGridCodes) {

	public CaseSubmitted {
		specialGridCodes = specialGridCodes == null ? List.of() : List.copyOf(specialGridCodes);
	}
}
