package org.sudi.catalog.internal;

import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.catalog.CalendarDay;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimitPolicy;
import org.sudi.catalog.TimeLimits;
import org.sudi.catalog.WorkingCalendar;
import org.sudi.catalog.WorkingCalendar.DayKind;
import org.sudi.catalog.WorkingCalendar.Period;

/**
 * Policies and calendar from the database. Both are read often and changed rarely, so they are held
 * in memory and read again at most {@link #REFRESH} after the last load, or at once after a change
 * on this node (other nodes follow within {@link #REFRESH}).
 */
@Repository
class JdbcTimeLimits implements TimeLimits {

	static final Duration REFRESH = Duration.ofSeconds(30);

	private static final RowMapper<TimeLimitPolicy> ROW = (rs, n) -> new TimeLimitPolicy(rs.getString("case_type"),
			rs.getString("urgency"), rs.getString("category_code"), TimeLimit.parse(rs.getString("town_review")),
			TimeLimit.parse(rs.getString("sign")), TimeLimit.parse(rs.getString("arrive")),
			TimeLimit.parse(rs.getString("complete")), TimeLimit.parse(rs.getString("evaluate")));

	private final JdbcClient jdbc;
	private final Clock clock;
	private final List<Period> periods;

	private record Snapshot(List<TimeLimitPolicy> policies, Map<String, String> parents, WorkingCalendar calendar,
			Instant loadedAt) {
	}

	private volatile Snapshot snapshot;

	JdbcTimeLimits(JdbcClient jdbc, Clock clock,
			@Value("${sudi.calendar.working-periods:08:30-12:00,13:30-17:30}") String workingPeriods) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.periods = parsePeriods(workingPeriods);
	}

	static List<Period> parsePeriods(String text) {
		List<Period> result = new ArrayList<>();
		for (String part : text.split(",")) {
			String[] ends = part.strip().split("-");
			result.add(new Period(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip())));
		}
		return result;
	}

	@Override
	public Optional<TimeLimitPolicy> policyFor(String caseType, String urgency, String categoryCode) {
		Snapshot s = current();
		for (String code = categoryCode; code != null; code = s.parents().get(code)) {
			String c = code;
			Optional<TimeLimitPolicy> override = s.policies().stream()
				.filter(p -> p.caseType().equals(caseType) && p.urgency().equals(urgency) && c.equals(p.categoryCode()))
				.findFirst();
			if (override.isPresent()) {
				return override;
			}
		}
		return s.policies().stream()
			.filter(p -> p.caseType().equals(caseType) && p.urgency().equals(urgency) && p.categoryCode() == null)
			.findFirst();
	}

	@Override
	public WorkingCalendar calendar() {
		return current().calendar();
	}

	List<TimeLimitPolicy> policies() {
		return current().policies();
	}

	private Snapshot current() {
		Snapshot s = snapshot;
		if (s == null || Duration.between(s.loadedAt(), clock.instant()).abs().compareTo(REFRESH) > 0) {
			s = load();
			snapshot = s;
		}
		return s;
	}

	/** Forget the cached policies and calendar: the next read loads them again. */
	void changed() {
		snapshot = null;
	}

	private Snapshot load() {
		List<TimeLimitPolicy> policies = jdbc.sql("select * from time_limit_policy order by case_type, urgency, category_code nulls first")
			.query(ROW).list();
		Map<String, String> parents = new HashMap<>();
		jdbc.sql("select code, parent_code from category where parent_code is not null")
			.query(rs -> {
				parents.put(rs.getString(1), rs.getString(2));
			});
		Map<LocalDate, DayKind> days = new HashMap<>();
		jdbc.sql("select day, kind from calendar_day")
			.query(rs -> {
				days.put(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)));
			});
		return new Snapshot(policies, parents, new WorkingCalendar(clock.getZone(), periods, days), clock.instant());
	}

	void savePolicy(TimeLimitPolicy p) {
		int updated = jdbc.sql("""
				update time_limit_policy set town_review = ?, sign = ?, arrive = ?, complete = ?, evaluate = ?
				where case_type = ? and urgency = ? and coalesce(category_code, '') = coalesce(?, '')""")
			.params(p.townReview().toString(), p.sign().toString(), p.arrive().toString(), p.complete().toString(),
					p.evaluate().toString(), p.caseType(), p.urgency(), p.categoryCode())
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into time_limit_policy(case_type, urgency, category_code, town_review, sign, arrive, complete,
					  evaluate) values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(p.caseType(), p.urgency(), p.categoryCode(), p.townReview().toString(), p.sign().toString(),
						p.arrive().toString(), p.complete().toString(), p.evaluate().toString())
				.update();
		}
		changed();
	}

	boolean deleteOverride(String caseType, String urgency, String categoryCode) {
		boolean deleted = jdbc.sql("delete from time_limit_policy where case_type = ? and urgency = ? and category_code = ?")
			.params(caseType, urgency, categoryCode).update() > 0;
		changed();
		return deleted;
	}


	List<CalendarDay> days(int year) {
		return jdbc.sql("select * from calendar_day where extract(year from day) = ? order by day")
			.param(year)
			.query((rs, n) -> new CalendarDay(rs.getObject("day", LocalDate.class), DayKind.valueOf(rs.getString("kind")),
					rs.getString("name")))
			.list();
	}

	void saveDay(CalendarDay d) {
		jdbc.sql("insert into calendar_day(day, kind, name) values (?, ?, ?) "
				+ "on conflict (day) do update set kind = excluded.kind, name = excluded.name")
			.params(Date.valueOf(d.day()), d.kind().name(), d.name() == null ? "" : d.name())
			.update();
		changed();
	}

	boolean deleteDay(LocalDate day) {
		boolean deleted = jdbc.sql("delete from calendar_day where day = ?").param(Date.valueOf(day)).update() > 0;
		changed();
		return deleted;
	}
}
