package org.sudi.clock;

import java.time.Instant;
import java.util.UUID;

import org.sudi.catalog.Step;

/** A timed step reached its yellow warning mark. */
public record DeadlineWarned(UUID caseId, String trackingNo, UUID taskId, Long orgId, Step step, Instant dueAt,
		Instant at) {
}
