package org.sudi.casework.application;

import java.time.Instant;
import java.time.ZoneId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.DeadlineRules;
import org.sudi.casework.domain.Due;
import org.sudi.catalog.Step;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimitPolicy;
import org.sudi.catalog.TimeLimits;
import org.sudi.catalog.WorkingCalendar;

/**
 * Deadlines from the catalog's time-limit policy of the case (type × urgency, category override) on
 * the working calendar; the yellow warning comes at {@code sudi.clock.warning-at} (default 80 %) of
 * the allowed time.
 */
@Component
class CatalogDeadlineRules implements DeadlineRules {

	private final TimeLimits limits;
	private final double warningAt;

	CatalogDeadlineRules(TimeLimits limits, @Value("${sudi.clock.warning-at:0.8}") double warningAt) {
		if (warningAt <= 0 || warningAt >= 1) {
			throw new IllegalArgumentException("sudi.clock.warning-at must be between 0 and 1, is " + warningAt);
		}
		this.limits = limits;
		this.warningAt = warningAt;
	}

	@Override
	public Due due(Case c, Step step, Instant start) {
		TimeLimitPolicy policy = limits.policyFor(c.type().name(), c.urgency().name(), c.categoryCode()).orElse(null);
		if (policy == null) {
			return null;
		}
		TimeLimit limit = policy.limit(step);
		WorkingCalendar calendar = limits.calendar();
		return new Due(calendar.partOf(start, limit, warningAt), calendar.deadline(start, limit));
	}

	@Override
	public Due extend(Case c, Due due, int days) {
		TimeLimitPolicy policy = limits.policyFor(c.type().name(), c.urgency().name(), c.categoryCode()).orElse(null);
		boolean working = policy == null || policy.complete().working();
		WorkingCalendar calendar = limits.calendar();
		return new Due(calendar.extend(due.warnAt(), days, working), calendar.extend(due.dueAt(), days, working));
	}

	@Override
	public ZoneId zone() {
		return limits.calendar().zone();
	}
}
