package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A case entered the platform (诉求上报). */
public record CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId,
		Channel channel, Urgency urgency, Instant at) {
}
