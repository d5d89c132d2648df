package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/**
 * A case entered the platform (诉求上报). {@code categoryCode} may be null (not yet classified);
 * {@code initiatingOrgId} is the unit that blew the whistle of an ENFORCEMENT case, else null.
 */
public record CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId,
		Channel channel, Urgency urgency, Instant at, String categoryCode, Long initiatingOrgId) {

	/** Without category and initiating unit (as the event was first published). */
	public CaseSubmitted(UUID caseId, String trackingNo, CaseType type, CaseStatus status, Long townId, Channel channel,
			Urgency urgency, Instant at) {
		this(caseId, trackingNo, type, status, townId, channel, urgency, at, null, null);
	}
}
