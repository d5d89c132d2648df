package org.sudi.catalog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a step may take: an amount of minutes, hours or days, counted either in working time
 * (on the {@link WorkingCalendar}) or in calendar time. Written compactly as in the policy table:
 * {@code 30m}, {@code 2h}, {@code 3d} (calendar) and {@code 30wm}, {@code 4wh}, {@code 5wd} (working).
 * A working day is the working minutes of a standard working day.
 */
public record TimeLimit(int amount, Unit unit, boolean working) {

	public enum Unit {
		MINUTES("m", 1), HOURS("h", 60), DAYS("d", 24 * 60);

		private final String symbol;
		private final int calendarMinutes;

		Unit(String symbol, int calendarMinutes) {
			this.symbol = symbol;
			this.calendarMinutes = calendarMinutes;
		}
	}

	private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})\\s*(w?)(m|h|d)");

	public TimeLimit {
		if (amount <= 0) {
			throw new IllegalArgumentException("A time limit must be positive");
		}
	}

	public static TimeLimit parse(String text) {
		Matcher m = FORMAT.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
		if (!m.matches()) {
			throw new IllegalArgumentException("'" + text + "' is not a time limit such as 30m, 2h, 3d, 4wh or 5wd");
		}
		Unit unit = switch (m.group(3)) {
			case "m" -> Unit.MINUTES;
			case "h" -> Unit.HOURS;
			default -> Unit.DAYS;
		};
		return new TimeLimit(Integer.parseInt(m.group(1)), unit, !m.group(2).isEmpty());
	}

	/** The length in minutes: calendar minutes, or working minutes for a working limit. */
	public long minutes(int workingMinutesPerDay) {
		if (working && unit == Unit.DAYS) {
			return (long) amount * workingMinutesPerDay;
		}
		return (long) amount * unit.calendarMinutes;
	}

	@Override
	public String toString() {
		return amount + (working ? "w" : "") + unit.symbol;
	}
}
