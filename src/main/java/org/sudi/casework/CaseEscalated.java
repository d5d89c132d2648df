package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A town sent a case up to district triage (上报区级), saying why. */
public record CaseEscalated(UUID caseId, long townId, String reason, Instant at) {
}
