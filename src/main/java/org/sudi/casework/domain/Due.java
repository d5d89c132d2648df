package org.sudi.casework.domain;

import java.time.Instant;

import org.sudi.casework.ClockState;

/** A step's deadline and the moment its yellow warning starts. */
public record Due(Instant warnAt, Instant dueAt) {

	public ClockState stateAt(Instant now) {
		if (!now.isBefore(dueAt)) {
			return ClockState.OVERDUE;
		}
		return now.isBefore(warnAt) ? ClockState.ON_TIME : ClockState.WARNING;
	}

	static Due of(Instant warnAt, Instant dueAt) {
		return warnAt == null || dueAt == null ? null : new Due(warnAt, dueAt);
	}

	/** The worse of two states; null counts as no clock at all. */
	static ClockState worse(ClockState a, ClockState b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return a.compareTo(b) >= 0 ? a : b;
	}
}
