package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** Every task of the round was returned, so the case waits for a new dispatch. */
public record CaseReturnedToTriage(UUID caseId, int round, Instant at) {
}
