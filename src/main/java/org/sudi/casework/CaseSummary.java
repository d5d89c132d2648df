package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case as other modules read it (the clock, notifications, the channel adapters answering
 * requesters and outside systems). It carries no requester name: an adapter that shows a case to
 * someone decides that from {@code requesterUsername} and {@code createdBy}. {@code leadOrgId} is the
 * current round's lead unit, {@code result} the latest result a unit reported, {@code lastRating} the
 * latest evaluation, {@code openTasks} the current round's tasks still being worked on.
 */
public record CaseSummary(UUID id, String trackingNo, CaseType type, CaseStatus status, Outcome outcome, int round,
		boolean greenChannel, String title, String description, String categoryCode, Channel channel, Long townId,
		Double lat, Double lon, String address, boolean anonymous, List<UUID> attachmentIds, String requesterUsername,
		String requesterPhone, String createdBy, Long leadOrgId, String result, Rating lastRating, Instant createdAt,
		Instant updatedAt, Urgency urgency, List<OpenTask> openTasks) {

	public record OpenTask(UUID taskId, long orgId, TaskRole role, TaskStatus status) {
	}

	/** True while no unit holds the case, so its requester may still withdraw it. */
	public boolean withdrawable() {
		return status == CaseStatus.TOWN_REVIEW || status == CaseStatus.DISTRICT_TRIAGE;
	}
}
