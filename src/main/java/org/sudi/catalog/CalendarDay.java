package org.sudi.catalog;

import java.time.LocalDate;

/** A listed date of the working calendar: a holiday or a make-up workday, with its name. */
public record CalendarDay(LocalDate day, WorkingCalendar.DayKind kind, String name) {
}
