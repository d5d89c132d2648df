package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * A failed evaluation or verification sent the case back to the same units (重办).
 * {@code consecutiveFailures} counts the failures in a row, this one included; {@code leadOrgId}
 * is the unit responsible for the failed round.
 */
public record ReworkOrdered(UUID caseId, String trackingNo, int failedRound, int newRound, int consecutiveFailures,
		long leadOrgId, String reason, Instant at) {
}
