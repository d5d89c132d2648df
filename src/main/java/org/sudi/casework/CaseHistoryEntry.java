package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a case's timeline (留痕) as other modules read it; {@code seq} orders all entries of all
 * cases and identifies this one.
 */
public record CaseHistoryEntry(long seq, UUID caseId, Instant at, String actorUsername, Long actorOrgId,
		String action, CaseStatus fromStatus, CaseStatus toStatus, String note) {
}
