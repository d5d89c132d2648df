package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A unit asked to return its task (退单) or for more time (延期). */
public record TaskRequestMade(UUID caseId, UUID taskId, long orgId, TaskRequestDecided.Kind kind, String reason,
		Integer days, Instant at) {
}
