package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A unit finished its task and reported the result (办结反馈). */
public record TaskCompleted(UUID caseId, UUID taskId, long orgId, int round, Instant at) {
}
