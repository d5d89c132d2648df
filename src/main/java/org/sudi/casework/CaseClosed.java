package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * The case left the loop: resolved, rejected, merged into another or withdrawn. {@code requesterUsername}
 * is the requester's own account, null when the case has none.
 */
public record CaseClosed(UUID caseId, String trackingNo, String requesterUsername, Outcome outcome, int round,
		Instant at) {
}
