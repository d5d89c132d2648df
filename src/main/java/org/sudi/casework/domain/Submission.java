package org.sudi.casework.domain;

import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Urgency;

/**
 * What a new case says. {@code townId} is the town that reviews a LIVELIHOOD case (for the others,
 * the town it concerns, if any); {@code requester} is who asked.
 */
public record Submission(CaseType type, String title, String description, String categoryCode, Urgency urgency,
		Channel channel, Long townId, Location location, Requester requester) {
}
