package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** The requester (or a 回访 on their behalf) judged the result of a round. */
public record CaseEvaluated(UUID caseId, int round, Rating rating, String byUsername, Long leadOrgId, Instant at) {
}
