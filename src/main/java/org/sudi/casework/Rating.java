package org.sudi.casework;

/**
 * The requester's judgement: 满意, 基本满意, 不满意; {@code NOT_GIVEN} marks a round whose evaluation
 * window ran out without one (never chosen by a person).
 */
public enum Rating {
	SATISFIED, BASICALLY_SATISFIED, UNSATISFIED, NOT_GIVEN;

	public boolean isPositive() {
		return this == SATISFIED || this == BASICALLY_SATISFIED;
	}
}
