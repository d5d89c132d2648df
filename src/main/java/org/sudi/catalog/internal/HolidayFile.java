package org.sudi.catalog.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sudi.catalog.CalendarDay;

import org.sudi.catalog.WorkingCalendar.DayKind;

/**
 * Reads the holiday text format, one day a line: {@code 2026-10-01 HOLIDAY 国庆节} or
 * {@code 2026-10-10 WORKDAY 国庆节调休}; blank lines and lines starting with # are skipped.
 */
final class HolidayFile {

	record Problem(int line, String message) {
	}

	record Result(List<CalendarDay> days, List<Problem> problems) {
		boolean ok() {
			return problems.isEmpty();
		}
	}

	private HolidayFile() {
	}

	static Result parse(String text) {
		List<CalendarDay> days = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		Set<LocalDate> seen = new HashSet<>();
		String[] lines = text == null ? new String[0] : text.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\\s+", 3);
			if (parts.length < 2) {
				problems.add(new Problem(i + 1, "expected 'yyyy-MM-dd HOLIDAY|WORKDAY name'"));
				continue;
			}
			LocalDate day;
			try {
				day = LocalDate.parse(parts[0]);
			}
			catch (DateTimeParseException e) {
				problems.add(new Problem(i + 1, "'" + parts[0] + "' is not a date (yyyy-MM-dd)"));
				continue;
			}
			DayKind kind;
			try {
				kind = DayKind.valueOf(parts[1].toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException e) {
				problems.add(new Problem(i + 1, "'" + parts[1] + "' is neither HOLIDAY nor WORKDAY"));
				continue;
			}
			if (!seen.add(day)) {
				problems.add(new Problem(i + 1, day + " is listed twice"));
				continue;
			}
			days.add(new CalendarDay(day, kind, parts.length > 2 ? parts[2].strip() : ""));
		}
		if (days.isEmpty() && problems.isEmpty()) {
			problems.add(new Problem(0, "no days in the file"));
		}
		return new Result(days, problems);
	}
}
