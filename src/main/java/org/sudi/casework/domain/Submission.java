package org.sudi.casework.domain;

import java.util.List;
import java.util.UUID;

import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Urgency;

/**
 * What a new case says. {@code townId} is the town that reviews a LIVELIHOOD case (for the others,
 * the town it concerns, if any); {@code requester} is who asked; {@code anonymous} hides the
 * requester's name and phone from the handling units; {@code attachmentIds} are the requester's photos.
 */
public record Submission(CaseType type, String title, String description, String categoryCode, Urgency urgency,
		Channel channel, Long townId, Location location, Requester requester, boolean anonymous,
		List<UUID> attachmentIds) {

	/** Most photos one request may carry. */
	public static final int MAX_PHOTOS = 9;

	public Submission {
		attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
	}

	public Submission(CaseType type, String title, String description, String categoryCode, Urgency urgency,
			Channel channel, Long townId, Location location, Requester requester) {
		this(type, title, description, categoryCode, urgency, channel, townId, location, requester, false, List.of());
	}
}
