package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Tasks were given to units: by district dispatch, by a town accepting its own case, or by a
 * rework round. {@code byTown} is true for a town's own acceptance. {@code requesterUsername} is the
 * requester's own account, null when the case has none.
 */
public record CaseDispatched(UUID caseId, String trackingNo, String requesterUsername, int round,
		List<DispatchedTask> tasks, Long dutyId, boolean byTown, Instant at) {

	public record DispatchedTask(UUID taskId, long orgId, TaskRole role) {
	}
}
