package org.sudi.clock;

import java.time.Instant;
import java.util.UUID;

/**
 * A supervision (督办) was issued on a case or one of its tasks: automatically on an overdue, or by
 * the command centre or a leader. {@code orgId} is the unit pushed, when one is.
 */
public record SupervisionIssued(long supervisionId, UUID caseId, String trackingNo, UUID taskId, Long orgId,
		String note, Instant deadline, boolean automatic, String issuedBy, Instant at) {
}
