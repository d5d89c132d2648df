package org.sudi.catalog;

/**
 * The time limits of one case type × urgency, optionally only for one category (an override).
 * {@code caseType} and {@code urgency} are the names of casework's enums.
 */
public record TimeLimitPolicy(String caseType, String urgency, String categoryCode, TimeLimit townReview,
		TimeLimit sign, TimeLimit arrive, TimeLimit complete, TimeLimit evaluate) {

	public TimeLimit limit(Step step) {
		return switch (step) {
			case TOWN_REVIEW -> townReview;
			case SIGN -> sign;
			case ARRIVE -> arrive;
			case COMPLETE -> complete;
			case EVALUATE -> evaluate;
		};
	}
}
