package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

import org.sudi.catalog.Step;

/**
 * A timed step started (or its deadline moved): warn at {@code warnAt}, overdue at {@code dueAt}.
 * {@code taskId} is null for the case-level steps (town review, evaluation); {@code orgId} is the
 * unit on the clock (the task's unit, or the reviewing town).
 */
public record DeadlineSet(UUID caseId, String trackingNo, UUID taskId, Long orgId, int round, Step step, CaseType caseType,
		Urgency urgency, Instant warnAt, Instant dueAt, Instant at) {
}
