package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

import org.sudi.catalog.Step;

/** A timed step ended: done, or no longer needed (returned task, closed case). */
public record DeadlineCleared(UUID caseId, UUID taskId, Step step, Instant at) {
}
