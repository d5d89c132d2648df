package org.sudi.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sudi.catalog.WorkingCalendar.DayKind;
import org.sudi.catalog.WorkingCalendar.Period;

/** Deadline arithmetic on the district's working calendar, around National Day 2026. */
class WorkingCalendarTests {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/** National Day 2026: Oct 1–7 off; Sun Sep 20 and Sat Oct 10 are make-up workdays; Mid-Autumn Sep 25–27 off. */
	static final WorkingCalendar CALENDAR = new WorkingCalendar(SHANGHAI,
			List.of(new Period(LocalTime.of(8, 30), LocalTime.of(12, 0)), new Period(LocalTime.of(13, 30), LocalTime.of(17, 30))),
			Map.ofEntries(Map.entry(LocalDate.of(2026, 9, 20), DayKind.WORKDAY),
					Map.entry(LocalDate.of(2026, 9, 25), DayKind.HOLIDAY), Map.entry(LocalDate.of(2026, 9, 26), DayKind.HOLIDAY),
					Map.entry(LocalDate.of(2026, 9, 27), DayKind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 1), DayKind.HOLIDAY),
					Map.entry(LocalDate.of(2026, 10, 2), DayKind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 3), DayKind.HOLIDAY),
					Map.entry(LocalDate.of(2026, 10, 4), DayKind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 5), DayKind.HOLIDAY),
					Map.entry(LocalDate.of(2026, 10, 6), DayKind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 7), DayKind.HOLIDAY),
					Map.entry(LocalDate.of(2026, 10, 10), DayKind.WORKDAY)));

	static Instant at(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
	}

	static String local(Instant instant) {
		return instant.atZone(SHANGHAI).toLocalDateTime().toString();
	}

	@Test
	@DisplayName("a standard working day has 450 working minutes (3.5 h + 4 h)")
	void dayLength() {
		assertThat(CALENDAR.minutesPerDay()).isEqualTo(450);
	}

	@Nested
	@DisplayName("working days")
	class Days {

		@ParameterizedTest(name = "{0} is a working day: {1}")
		@CsvSource({ "2026-09-28, true", "2026-09-26, false", "2026-09-20, true", "2026-10-01, false",
				"2026-10-10, true", "2026-10-11, false", "2026-10-12, true" })
		void kinds(LocalDate date, boolean working) {
			assertThat(CALENDAR.isWorkingDay(date)).isEqualTo(working);
		}
	}

	@Nested
	@DisplayName("working time")
	class Working {

		@ParameterizedTest(name = "{0} + {1} → {2}")
		@CsvSource({
				// within a morning
				"2026-09-29T09:00, 2wh, 2026-09-29T11:00",
				// across the lunch break
				"2026-09-29T11:00, 2wh, 2026-09-29T14:30",
				// 4 working hours from 09:00: 3 h in the morning, 1 h after lunch
				"2026-09-29T09:00, 4wh, 2026-09-29T14:30",
				// submitted during lunch: the clock starts at 13:30
				"2026-09-29T12:15, 1wh, 2026-09-29T14:30",
				// submitted in the evening: the clock starts next morning
				"2026-09-29T20:00, 1wh, 2026-09-30T09:30",
				// ending exactly at the end of the day stays there
				"2026-09-29T16:30, 1wh, 2026-09-29T17:30",
				// Friday afternoon over the weekend
				"2026-09-18T17:00, 1wh, 2026-09-20T09:00",
				// one working day is the same time next working day; Sep 30 → Oct 8 over National Day
				"2026-09-30T10:00, 1wd, 2026-10-08T10:00",
				// a make-up Saturday counts: Fri Oct 9 10:00 + 1wd = Sat Oct 10 10:00
				"2026-10-09T10:00, 1wd, 2026-10-10T10:00",
				// 5 working days from Tue Sep 29 10:00: Sep 29, 30, Oct 8, 9, 10 (make-up), → Mon Oct 12 10:00
				"2026-09-29T10:00, 5wd, 2026-10-12T10:00",
				// submitted on a holiday: the clock starts on the first working morning
				"2026-10-03T15:00, 2wh, 2026-10-08T10:30",
				// Mid-Autumn (Fri Sep 25 – Sun Sep 27) then a normal Monday
				"2026-09-24T17:00, 1wh, 2026-09-28T09:00" })
		void deadlines(String start, String limit, String expected) {
			assertThat(local(CALENDAR.deadline(at(start), TimeLimit.parse(limit)))).isEqualTo(expected);
		}

		@Test
		@DisplayName("the yellow warning comes at 80 % of the working time allowed")
		void warning() {
			// 2 working hours from 11:00: 80 % = 96 min → 11:00–12:00 (60) + 36 min after 13:30
			assertThat(local(CALENDAR.partOf(at("2026-09-29T11:00"), TimeLimit.parse("2wh"), 0.8)))
				.isEqualTo("2026-09-29T14:06");
		}

		@Test
		@DisplayName("an extension of working days moves the deadline over holidays too")
		void extension() {
			Instant due = at("2026-09-30T16:00");
			assertThat(local(CALENDAR.extend(due, 2, true))).isEqualTo("2026-10-09T16:00");
			assertThat(local(CALENDAR.extend(due, 2, false))).isEqualTo("2026-10-02T16:00");
		}
	}

	@Nested
	@DisplayName("calendar time")
	class Calendar {

		@ParameterizedTest(name = "{0} + {1} → {2}")
		@CsvSource({ "2026-09-30T23:50, 30m, 2026-10-01T00:20", "2026-09-30T22:00, 2h, 2026-10-01T00:00",
				"2026-09-30T10:00, 24h, 2026-10-01T10:00", "2026-09-30T10:00, 3d, 2026-10-03T10:00" })
		void runsThroughNightsAndHolidays(String start, String limit, String expected) {
			assertThat(local(CALENDAR.deadline(at(start), TimeLimit.parse(limit)))).isEqualTo(expected);
		}

		@Test
		@DisplayName("the warning of a calendar limit is 80 % of the calendar span")
		void warning() {
			assertThat(local(CALENDAR.partOf(at("2026-09-30T10:00"), TimeLimit.parse("30m"), 0.8)))
				.isEqualTo("2026-09-30T10:24");
		}
	}

	@Nested
	@DisplayName("time limits")
	class Limits {

		@ParameterizedTest(name = "{0}")
		@CsvSource({ "30m, 30, false", "2h, 120, false", "3d, 4320, false", "4wh, 240, true", "5wd, 2250, true",
				"15wm, 15, true" })
		void parse(String text, long minutes, boolean working) {
			TimeLimit limit = TimeLimit.parse(text);
			assertThat(limit.minutes(450)).isEqualTo(minutes);
			assertThat(limit.working()).isEqualTo(working);
			assertThat(limit.toString()).isEqualTo(text);
		}

		@ParameterizedTest(name = "''{0}'' is refused")
		@CsvSource({ "''", "5", "5x", "-3d", "0h", "3 days" })
		void refuses(String text) {
			assertThatThrownBy(() -> TimeLimit.parse(text)).isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	@DisplayName("a calendar needs working periods that do not overlap")
	void invalidCalendars() {
		assertThatThrownBy(() -> new WorkingCalendar(SHANGHAI, List.of(), Map.of()))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new WorkingCalendar(SHANGHAI,
				List.of(new Period(LocalTime.of(8, 0), LocalTime.of(12, 0)), new Period(LocalTime.of(11, 0), LocalTime.of(13, 0))),
				Map.of())).isInstanceOf(IllegalArgumentException.class);
	}
}
