package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * Every task of the round is completed; the requester's judgement is awaited. {@code requesterUsername}
 * is the requester's own account, null when the case has none.
 */
public record CaseAwaitingEvaluation(UUID caseId, String trackingNo, String requesterUsername, int round, Instant at) {
}
