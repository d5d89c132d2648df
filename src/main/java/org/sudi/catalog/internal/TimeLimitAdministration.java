package org.sudi.catalog.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.catalog.CalendarDay;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.TimeLimitPolicy;
import org.sudi.catalog.WorkingCalendar;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/** Reading and (for administrators) changing time-limit policies and the working calendar. */
@Service
public class TimeLimitAdministration {

	static final List<String> CASE_TYPES = List.of("LIVELIHOOD", "ENFORCEMENT", "DEVELOPMENT");
	static final List<String> URGENCIES = List.of("NORMAL", "URGENT");

	private final JdbcTimeLimits limits;
	private final Catalog catalog;
	private final AuditTrail audit;

	TimeLimitAdministration(JdbcTimeLimits limits, Catalog catalog, AuditTrail audit) {
		this.limits = limits;
		this.catalog = catalog;
		this.audit = audit;
	}

	public List<TimeLimitPolicy> policies() {
		return limits.policies();
	}

	@Transactional
	public TimeLimitPolicy save(Actor actor, TimeLimitPolicy policy) {
		requireAdmin(actor);
		if (!CASE_TYPES.contains(policy.caseType())) {
			throw new InvalidInputException("caseType", "must be one of " + CASE_TYPES);
		}
		if (!URGENCIES.contains(policy.urgency())) {
			throw new InvalidInputException("urgency", "must be one of " + URGENCIES);
		}
		if (policy.categoryCode() != null && !catalog.categoryExists(policy.categoryCode())) {
			throw new InvalidInputException("categoryCode", "unknown category " + policy.categoryCode());
		}
		limits.savePolicy(policy);
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "time_limit_policy:" + policy.caseType() + "/"
				+ policy.urgency() + (policy.categoryCode() == null ? "" : "/" + policy.categoryCode()), policy.toString());
		return policy;
	}

	@Transactional
	public void deleteOverride(Actor actor, String caseType, String urgency, String categoryCode) {
		requireAdmin(actor);
		if (!limits.deleteOverride(caseType, urgency, categoryCode)) {
			throw new NotFoundException("Category override", caseType + "/" + urgency + "/" + categoryCode);
		}
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "time_limit_policy:" + caseType + "/" + urgency
				+ "/" + categoryCode, "category override deleted");
	}

	public WorkingCalendar calendar() {
		return limits.calendar();
	}

	public List<CalendarDay> days(int year) {
		return limits.days(year);
	}

	@Transactional
	public void saveDay(Actor actor, LocalDate day, WorkingCalendar.DayKind kind, String name) {
		requireAdmin(actor);
		limits.saveDay(new CalendarDay(day, kind, name));
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "calendar_day:" + day, kind + " " + name);
	}

	@Transactional
	public void deleteDay(Actor actor, LocalDate day) {
		requireAdmin(actor);
		if (!limits.deleteDay(day)) {
			throw new NotFoundException("Calendar day", day);
		}
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "calendar_day:" + day, "deleted");
	}

	/** Imports a holiday file all or nothing; problems are reported line by line. */
	@Transactional
	public int importDays(Actor actor, String text) {
		requireAdmin(actor);
		HolidayFile.Result result = HolidayFile.parse(text);
		if (!result.ok()) {
			throw new InvalidInputException("Nothing imported: " + result.problems().size() + " problem(s)",
					Map.copyOf(result.problems().stream().collect(java.util.stream.Collectors.toMap(
							p -> "line " + p.line(), HolidayFile.Problem::message, (a, b) -> a + "; " + b))));
		}
		result.days().forEach(limits::saveDay);
		audit.record(AuditKind.CONFIGURATION_CHANGED, actor.username(), "calendar_day",
				"holiday file imported: " + result.days().size() + " days");
		return result.days().size();
	}

	private static void requireAdmin(Actor actor) {
		if (!actor.has(Role.ADMIN)) {
			throw new ForbiddenException("Only administrators change time limits and the calendar");
		}
	}
}
