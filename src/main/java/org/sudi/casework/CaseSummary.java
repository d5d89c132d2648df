package org.sudi.casework;

import java.util.List;
import java.util.UUID;

/** What other modules may know of a case: its identity, state and the tasks still open. */
public record CaseSummary(UUID id, String trackingNo, CaseType type, CaseStatus status, Urgency urgency, Long townId,
		String requesterUsername, List<OpenTask> openTasks) {

	public record OpenTask(UUID taskId, long orgId, TaskRole role, TaskStatus status) {
	}
}
