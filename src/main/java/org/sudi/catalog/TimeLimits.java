package org.sudi.catalog;

import java.util.Optional;

/** The time-limit policies and the working calendar deadlines are counted on. */
public interface TimeLimits {

	/**
	 * The policy for a case: the category's override if there is one (for the category or its
	 * parent), else the policy of the type and urgency.
	 */
	Optional<TimeLimitPolicy> policyFor(String caseType, String urgency, String categoryCode);

	WorkingCalendar calendar();
}
