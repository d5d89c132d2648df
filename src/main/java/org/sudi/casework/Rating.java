package org.sudi.casework;

/** The requester's judgement: 满意, 基本满意, 不满意. */
public enum Rating {
	SATISFIED, BASICALLY_SATISFIED, UNSATISFIED;

	public boolean isPositive() {
		return this != UNSATISFIED;
	}
}
