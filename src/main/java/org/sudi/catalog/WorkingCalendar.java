package org.sudi.catalog;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Working time of the district: working periods of a day (default 08:30–12:00 and 13:30–17:30,
 * Asia/Shanghai), weekends off, public holidays off and make-up workdays (调休) on. Deadline
 * arithmetic in working and in calendar time.
 */
public final class WorkingCalendar {

	/** A working period of a day, e.g. 08:30–12:00. */
	public record Period(LocalTime start, LocalTime end) {
		public Period {
			if (!start.isBefore(end)) {
				throw new IllegalArgumentException("A working period must end after it starts: " + start + "–" + end);
			}
		}

		long minutes() {
			return Duration.between(start, end).toMinutes();
		}
	}

	/** What a listed date is: a holiday (off) or a make-up workday (on). */
	public enum DayKind {
		HOLIDAY, WORKDAY
	}

	/** Never look further than this for working time; a calendar without any is a configuration error. */
	private static final int MAX_DAYS = 3700;

	private final ZoneId zone;
	private final List<Period> periods;
	private final Map<LocalDate, DayKind> specialDays;
	private final int minutesPerDay;

	public WorkingCalendar(ZoneId zone, List<Period> periods, Map<LocalDate, DayKind> specialDays) {
		this.zone = Objects.requireNonNull(zone);
		this.periods = periods.stream().sorted((a, b) -> a.start().compareTo(b.start())).toList();
		for (int i = 1; i < this.periods.size(); i++) {
			if (this.periods.get(i).start().isBefore(this.periods.get(i - 1).end())) {
				throw new IllegalArgumentException("Working periods overlap: " + this.periods);
			}
		}
		if (this.periods.isEmpty()) {
			throw new IllegalArgumentException("A working calendar needs at least one working period");
		}
		this.specialDays = Map.copyOf(specialDays);
		this.minutesPerDay = (int) this.periods.stream().mapToLong(Period::minutes).sum();
	}

	public ZoneId zone() {
		return zone;
	}

	public List<Period> periods() {
		return periods;
	}

	public Map<LocalDate, DayKind> specialDays() {
		return specialDays;
	}

	/** The working minutes of a standard working day (450 by default): the length of a working day. */
	public int minutesPerDay() {
		return minutesPerDay;
	}

	public boolean isWorkingDay(LocalDate date) {
		DayKind kind = specialDays.get(date);
		if (kind != null) {
			return kind == DayKind.WORKDAY;
		}
		DayOfWeek day = date.getDayOfWeek();
		return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
	}

	/** When {@code limit} counted from {@code start} runs out. */
	public Instant deadline(Instant start, TimeLimit limit) {
		return limit.working() ? addWorkingMinutes(start, limit.minutes(minutesPerDay))
				: start.plus(Duration.ofMinutes(limit.minutes(minutesPerDay)));
	}

	/** When {@code fraction} (0–1) of {@code limit} counted from {@code start} has passed: the warning time. */
	public Instant partOf(Instant start, TimeLimit limit, double fraction) {
		long seconds = Math.round(limit.minutes(minutesPerDay) * fraction * 60);
		return limit.working() ? addWorkingSeconds(start, seconds)
				: start.plusSeconds(seconds);
	}

	/** Moves a deadline by {@code days} more days: working days for a working limit, else calendar days. */
	public Instant extend(Instant deadline, int days, boolean working) {
		return working ? addWorkingMinutes(deadline, (long) days * minutesPerDay)
				: deadline.plus(Duration.ofDays(days));
	}

	public Instant addWorkingMinutes(Instant start, long minutes) {
		return addWorkingSeconds(start, minutes * 60);
	}

	/**
	 * Adds working time: the clock runs only inside working periods of working days. Starting outside
	 * working time, it starts at the next working moment; a result at the very end of a period stays
	 * there (17:30 rather than 08:30 next day).
	 */
	public Instant addWorkingSeconds(Instant start, long seconds) {
		if (seconds < 0) {
			throw new IllegalArgumentException("Cannot add negative working time");
		}
		ZonedDateTime cursor = start.atZone(zone);
		long remaining = seconds;
		LocalDate date = cursor.toLocalDate();
		for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
			if (!isWorkingDay(date)) {
				continue;
			}
			for (Period p : periods) {
				ZonedDateTime periodStart = date.atTime(p.start()).atZone(zone);
				ZonedDateTime periodEnd = date.atTime(p.end()).atZone(zone);
				if (!cursor.isBefore(periodEnd)) {
					continue;
				}
				ZonedDateTime from = cursor.isAfter(periodStart) ? cursor : periodStart;
				long available = Duration.between(from, periodEnd).toSeconds();
				if (remaining <= available) {
					return from.plusSeconds(remaining).toInstant();
				}
				remaining -= available;
				cursor = periodEnd;
			}
		}
		throw new IllegalStateException("No working time within " + MAX_DAYS + " days of " + start);
	}
}
