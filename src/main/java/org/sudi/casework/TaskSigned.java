package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** A unit acknowledged its task (签收). */
public record TaskSigned(UUID caseId, UUID taskId, long orgId, Instant at) {
}
