package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** Every task of the round is completed; the requester's judgement is awaited. */
public record CaseAwaitingEvaluation(UUID caseId, int round, Instant at) {
}
