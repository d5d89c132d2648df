package org.sudi.casework.domain;

import java.time.Instant;

import org.sudi.casework.CaseStatus;

/** One line of a case's append-only record (留痕): who, from which unit, when, what, from → to, note. */
public record TimelineEntry(Instant at, String actorUsername, Long actorOrgId, String action, CaseStatus fromStatus,
		CaseStatus toStatus, String note) {
}
