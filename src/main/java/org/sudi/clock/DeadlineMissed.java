package org.sudi.clock;

import java.time.Instant;
import java.util.UUID;

import org.sudi.catalog.Step;

/**
 * A timed step passed its deadline. {@code leadersConcerned} is true for URGENT and ENFORCEMENT
 * cases, whose lateness is reported to the leaders too.
 */
public record DeadlineMissed(UUID caseId, String trackingNo, UUID taskId, Long orgId, Step step, Instant dueAt,
		boolean leadersConcerned, Instant at) {
}
