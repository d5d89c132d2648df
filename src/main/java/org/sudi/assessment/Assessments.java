package org.sudi.assessment;

import java.time.YearMonth;

/** What other modules (the command-centre screen) may read of the assessment. */
public interface Assessments {

	/** The month's results: frozen if closed, else computed now. */
	MonthResults month(YearMonth month);

	/**
	 * The current month's results, recomputed at most once per {@code sudi.assessment.live-cache} (60 s)
	 * on each node, for dashboards.
	 */
	MonthResults currentCached();
}
