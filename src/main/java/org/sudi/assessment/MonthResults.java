package org.sudi.assessment;

import java.time.YearMonth;
import java.util.List;

/**
 * A month's assessment: live while the month is OPEN, the frozen snapshot once it is CLOSED.
 * {@code version} counts the closes (0 while never closed).
 */
public record MonthResults(YearMonth month, String status, int version, List<UnitResult> departments,
		List<UnitResult> towns) {
}
