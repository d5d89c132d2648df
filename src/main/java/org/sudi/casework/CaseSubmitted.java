package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * A case entered the platform (诉求上报), with what it says and where, for the modules that learn
 * from it (triage, statistics). {@code lat}/{@code lon} are null when no point was given.
 */
public record CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId,
		Channel channel, Urgency urgency, String title, String description, String categoryCode, Double lat,
		Double lon, Instant at) {
}
