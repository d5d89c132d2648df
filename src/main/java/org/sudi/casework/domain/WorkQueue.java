package org.sudi.casework.domain;

import java.util.List;

import org.sudi.casework.TaskStatus;

/**
 * The three work lists of a unit (待签收 / 待报到 / 待办结): which open tasks each holds. A task to
 * complete has reported on site, or, unless its case is an ENFORCEMENT case, has just been signed
 * (the same rule {@link Case#complete} applies).
 */
public enum WorkQueue {
	TO_SIGN(List.of(TaskStatus.DISPATCHED), List.of()),
	TO_ARRIVE(List.of(TaskStatus.SIGNED), List.of()),
	TO_COMPLETE(List.of(TaskStatus.ARRIVED), List.of(TaskStatus.SIGNED));

	private final List<TaskStatus> statuses;
	private final List<TaskStatus> notEnforcementStatuses;

	WorkQueue(List<TaskStatus> statuses, List<TaskStatus> notEnforcementStatuses) {
		this.statuses = statuses;
		this.notEnforcementStatuses = notEnforcementStatuses;
	}

	public List<TaskStatus> statuses() {
		return statuses;
	}

	public List<TaskStatus> notEnforcementStatuses() {
		return notEnforcementStatuses;
	}
}
