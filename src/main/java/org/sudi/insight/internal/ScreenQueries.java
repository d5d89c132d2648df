package org.sudi.insight.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.assessment.Assessments;
import org.sudi.assessment.MonthResults;
import org.sudi.assessment.UnitResult;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;

/**
 * The command-centre screen's and the public page's data, read from the rollups only: a few grouped
 * queries over rows per day × type × channel, per day × town, per day × category, and the open cases.
 */
@Service
public class ScreenQueries {

	public record Counts(long submitted, long closed, Map<String, Long> byType, Map<String, Long> byChannel) {
	}

	public record Satisfaction(long satisfied, long basically, long unsatisfied, long notGiven, Double rate) {
	}

	public record Open(long total, long inReview, long inTriage, long inProgress, long pendingEvaluation, long warning,
			long overdue) {
	}

	public record Named(String code, String name, long count) {
	}

	public record DayPoint(LocalDate day, long submitted, long closed) {
	}

	/** A town's figures; {@code grid} is where grid polygons will hang (null until the grid module provides them). */
	public record TownPoint(long townId, String name, long submittedThisMonth, long open, long overdue, Object grid) {
	}

	public record Ranked(long orgId, String name, Integer rank, Double composite, String flag) {
	}

	public record ScreenData(java.time.Instant generatedAt, Counts today, Counts month, Satisfaction satisfaction,
			Open open, List<Named> categories, List<DayPoint> trend, List<TownPoint> towns, String rankingMonth,
			List<Ranked> departments, List<Ranked> townRanking) {
	}

	public record PublicSummary(int year, long requests, long closed, long resolved, Double satisfactionRate,
			Double averageHandlingHours, List<Named> topCategories, long requestsThisMonth, long closedThisMonth) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final Names names;
	private final Assessments assessments;
	private final double basicallyWeight;

	ScreenQueries(JdbcClient jdbc, Clock clock, Names names, Assessments assessments,
			@Value("${sudi.assessment.basically-satisfied-weight:0.9}") double basicallyWeight) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.names = names;
		this.assessments = assessments;
		this.basicallyWeight = basicallyWeight;
	}

	public static void requireScreenReader(Actor actor) {
		if (!actor.hasAny(Role.DISPATCHER, Role.HOTLINE, Role.LEADER, Role.DISCIPLINE, Role.ADMIN)) {
			throw new ForbiddenException("The command-centre screen is for the command centre, leaders and administrators");
		}
	}

	@Transactional(readOnly = true)
	public ScreenData screen() {
		LocalDate today = LocalDate.now(clock);
		LocalDate monthStart = today.withDayOfMonth(1);
		Counts todayCounts = counts(today, today);
		Counts monthCounts = counts(monthStart, today);
		Satisfaction satisfaction = satisfaction(monthStart, today);
		Open open = open();
		List<Named> categories = categories(monthStart, today, 12);
		List<DayPoint> trend = trend(today.minusDays(29), today);
		List<TownPoint> towns = towns(monthStart, today);
		MonthResults ranking = assessments.currentCached();
		return new ScreenData(clock.instant(), todayCounts, monthCounts, satisfaction, open, categories, trend, towns,
				ranking.month().toString(), ranked(ranking.departments()), ranked(ranking.towns()));
	}

	private static List<Ranked> ranked(List<UnitResult> units) {
		return units.stream().filter(u -> u.rank() != null)
			.map(u -> new Ranked(u.orgId(), u.orgName(), u.rank(), u.composite(), u.flag() == null ? null : u.flag().name()))
			.toList();
	}

	Counts counts(LocalDate from, LocalDate to) {
		Map<String, Long> byType = new TreeMap<>();
		Map<String, Long> byChannel = new TreeMap<>();
		long[] totals = new long[2];
		jdbc.sql("""
				select case_type, channel, sum(submitted) s, sum(closed) c from ins_day_total_all
				where day between ? and ? group by case_type, channel""")
			.params(from, to)
			.query(rs -> {
				long s = rs.getLong("s");
				byType.merge(rs.getString("case_type"), s, Long::sum);
				byChannel.merge(rs.getString("channel"), s, Long::sum);
				totals[0] += s;
				totals[1] += rs.getLong("c");
			});
		return new Counts(totals[0], totals[1], byType, byChannel);
	}

	Satisfaction satisfaction(LocalDate from, LocalDate to) {
		return jdbc.sql("""
				select coalesce(sum(satisfied), 0) s, coalesce(sum(basically), 0) b, coalesce(sum(unsatisfied), 0) u,
				  coalesce(sum(not_given), 0) n from ins_day_total_all where day between ? and ?""")
			.params(from, to)
			.query((rs, n) -> {
				long s = rs.getLong("s"), b = rs.getLong("b"), u = rs.getLong("u");
				long evaluated = s + b + u;
				return new Satisfaction(s, b, u, rs.getLong("n"), evaluated == 0 ? null : (s + basicallyWeight * b) / evaluated);
			})
			.single();
	}

	Open open() {
		return jdbc.sql("""
				select coalesce(sum(total), 0) total,
				  coalesce(sum(total) filter (where status = 'TOWN_REVIEW'), 0) review,
				  coalesce(sum(total) filter (where status = 'DISTRICT_TRIAGE'), 0) triage,
				  coalesce(sum(total) filter (where status = 'IN_PROGRESS'), 0) progress,
				  coalesce(sum(total) filter (where status = 'PENDING_EVALUATION'), 0) pending,
				  coalesce(sum(warning), 0) warning, coalesce(sum(overdue), 0) overdue
				from ins_open_tally""")
			.query((rs, n) -> new Open(rs.getLong("total"), rs.getLong("review"), rs.getLong("triage"),
					rs.getLong("progress"), rs.getLong("pending"), rs.getLong("warning"), rs.getLong("overdue")))
			.single();
	}

	List<Named> categories(LocalDate from, LocalDate to, int limit) {
		Map<String, Long> byTop = new HashMap<>();
		jdbc.sql("select category_code, sum(submitted) n from ins_day_category_all where day between ? and ? group by category_code")
			.params(from, to)
			.query(rs -> {
				String code = rs.getString(1);
				byTop.merge(code.isEmpty() ? "" : names.topLevel(code), rs.getLong(2), Long::sum);
			});
		return byTop.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(limit)
			.map(e -> new Named(e.getKey(), e.getKey().isEmpty() ? "未分类 unclassified" : names.category(e.getKey()),
					e.getValue()))
			.toList();
	}

	List<DayPoint> trend(LocalDate from, LocalDate to) {
		Map<LocalDate, long[]> days = new LinkedHashMap<>();
		for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
			days.put(d, new long[2]);
		}
		jdbc.sql("select day, sum(submitted), sum(closed) from ins_day_total_all where day between ? and ? group by day")
			.params(from, to)
			.query(rs -> {
				long[] v = days.get(rs.getObject(1, LocalDate.class));
				if (v != null) {
					v[0] = rs.getLong(2);
					v[1] = rs.getLong(3);
				}
			});
		List<DayPoint> out = new ArrayList<>();
		days.forEach((d, v) -> out.add(new DayPoint(d, v[0], v[1])));
		return out;
	}

	List<TownPoint> towns(LocalDate from, LocalDate to) {
		Map<Long, long[]> byTown = new HashMap<>();
		jdbc.sql("select town_id, sum(submitted) from ins_day_town_all where day between ? and ? group by town_id")
			.params(from, to)
			.query(rs -> {
				byTown.computeIfAbsent(rs.getLong(1), k -> new long[3])[0] = rs.getLong(2);
			});
		jdbc.sql("select town_id, sum(total), sum(overdue) from ins_open_tally where town_id <> 0 group by town_id")
			.query(rs -> {
				long[] v = byTown.computeIfAbsent(rs.getLong(1), k -> new long[3]);
				v[1] = rs.getLong(2);
				v[2] = rs.getLong(3);
			});
		List<TownPoint> out = new ArrayList<>();
		for (OrgUnit u : names.units().values()) {
			if (u.kind() == OrgKind.TOWN) {
				long[] v = byTown.getOrDefault(u.id(), new long[3]);
				out.add(new TownPoint(u.id(), u.name(), v[0], v[1], v[2], null));
			}
		}
		out.sort(java.util.Comparator.comparingLong(TownPoint::townId));
		return out;
	}

	/** District-wide numbers for the public: no names, no personal data. */
	@Transactional(readOnly = true)
	public PublicSummary publicSummary() {
		LocalDate today = LocalDate.now(clock);
		LocalDate yearStart = today.withDayOfYear(1);
		long[] t = jdbc.sql("""
				select coalesce(sum(submitted), 0), coalesce(sum(closed), 0), coalesce(sum(resolved), 0),
				  coalesce(sum(handling_seconds), 0) from ins_day_total_all where day between ? and ?""")
			.params(yearStart, today)
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
			.single();
		Satisfaction s = satisfaction(yearStart, today);
		Counts month = counts(YearMonth.from(today).atDay(1), today);
		return new PublicSummary(today.getYear(), t[0], t[1], t[2], s.rate(),
				t[2] == 0 ? null : t[3] / 3600.0 / t[2], categories(yearStart, today, 5), month.submitted(), month.closed());
	}
}
