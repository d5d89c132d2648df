package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** The result of a round was checked on site (验收). */
public record CaseVerified(UUID caseId, int round, boolean passed, String byUsername, Instant at) {
}
