package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A unit reported on site (报到). */
public record TaskArrived(UUID caseId, UUID taskId, long orgId, Instant at) {
}
