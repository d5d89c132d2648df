package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** The case left the loop: resolved, rejected, merged into another or withdrawn. */
public record CaseClosed(UUID caseId, Outcome outcome, int round, Instant at) {
}
