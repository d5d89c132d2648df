package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * The requester (or a 回访 on their behalf) judged the result of a round. {@code byOrgId} is the
 * evaluator's unit (the initiating unit of a whistle, the command centre of a follow-up call; null
 * for a citizen and for the system closing an unanswered window).
 */
public record CaseEvaluated(UUID caseId, int round, Rating rating, String byUsername, Long leadOrgId, Instant at,
		Long byOrgId) {

	/** Without the evaluator's unit (as the event was first published). */
	public CaseEvaluated(UUID caseId, int round, Rating rating, String byUsername, Long leadOrgId, Instant at) {
		this(caseId, round, rating, byUsername, leadOrgId, at, null);
	}
}
