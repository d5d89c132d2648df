package org.sudi.assessment.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sudi.assessment.Measures;

/**
 * The measures of every unit over a period [from, to) and the whistle-blowers' ratings, from the
 * assessment's own tables (never from casework's). A period of whole days (every month, every range of
 * days the API takes) is read from the per-day × unit counters ({@link DayCounts}: O(days × units));
 * any other period, or all of them with {@code sudi.assessment.day-counts=false}, from the facts by one
 * grouped query per fact table (O(the period's facts)). Both give the same numbers. Results are per
 * organisation unit as recorded (a village's tasks under the village); the service adds villages into
 * their towns.
 */
@Component
class MeasureQueries {

	private final JdbcClient jdbc;
	private final DayCounts dayCounts;
	private volatile boolean useDayCounts;

	MeasureQueries(JdbcClient jdbc, DayCounts dayCounts, AssessmentProperties properties) {
		this.jdbc = jdbc;
		this.dayCounts = dayCounts;
		this.useDayCounts = properties.dayCountsOrDefault();
	}

	/** Turns reading the counters on or off (measurements compare both in one run). */
	void useDayCounts(boolean use) {
		this.useDayCounts = use;
	}

	/** Every unit's measures, and the ratings whistle-blowing units gave the rounds departments led. */
	record Totals(Map<Long, Measures> measures, List<WhistleRatings> whistleRatings) {
	}

	/** How many ratings of one kind a whistle-blowing unit gave rounds a department led. */
	record WhistleRatings(long departmentId, long initiatingOrgId, String rating, long count) {
	}

	Totals totals(Instant from, Instant to) {
		if (useDayCounts) {
			var days = dayCounts.wholeDays(from, to);
			if (days.isPresent()) {
				return dayCounts.totals(days.get()[0], days.get()[1]);
			}
		}
		return fromFacts(from, to);
	}

	/** The same totals counted from the fact tables. */
	Totals fromFacts(Instant from, Instant to) {
		return new Totals(measures(from, to), whistleRatings(from, to));
	}

	/** Mutable counters of one unit while the queries run. */
	static final class Counts {
		long received, signedOnTime, reviews, reviewsOnTime, completable, completedOnTime, closed, resolvedFirstTime,
				satisfied, basicallySatisfied, unsatisfied, notGiven, judged, reworks, returnRequests, returnsApproved,
				extensionRequests, extensionsApproved, overdue, supervisions, accountability;

		Measures toMeasures() {
			return new Measures(received, signedOnTime, reviews, reviewsOnTime, completable, completedOnTime, closed,
					resolvedFirstTime, satisfied, basicallySatisfied, unsatisfied, notGiven, judged, reworks, returnRequests,
					returnsApproved, extensionRequests, extensionsApproved, overdue, supervisions, accountability);
		}
	}

	private Map<Long, Measures> measures(Instant from, Instant to) {
		Map<Long, Counts> byOrg = new HashMap<>();
		Function<Long, Counts> at = org -> byOrg.computeIfAbsent(org, k -> new Counts());
		Timestamp f = Timestamp.from(from);
		Timestamp t = Timestamp.from(to);
		jdbc.sql("""
				select org_id, count(*) received,
				  count(*) filter (where signed_at is not null and (sign_due is null or signed_at <= sign_due)) signed_on_time,
				  count(*) filter (where returned_at is null) completable,
				  count(*) filter (where returned_at is null and completed_at is not null
				                   and (complete_due is null or completed_at <= complete_due)) completed_on_time
				from asm_task_fact where dispatched_at >= ? and dispatched_at < ? group by org_id""")
			.params(f, t)
			.query(rs -> {
				Counts c = at.apply(rs.getLong("org_id"));
				c.received += rs.getLong("received");
				c.signedOnTime += rs.getLong("signed_on_time");
				c.completable += rs.getLong("completable");
				c.completedOnTime += rs.getLong("completed_on_time");
			});
		jdbc.sql("""
				select review_town_id, count(*) reviews,
				  count(*) filter (where reviewed_at is not null and (review_due is null or reviewed_at <= review_due)) on_time
				from asm_case_fact where review_town_id is not null and submitted_at >= ? and submitted_at < ?
				group by review_town_id""")
			.params(f, t)
			.query(rs -> {
				Counts c = at.apply(rs.getLong("review_town_id"));
				c.reviews += rs.getLong("reviews");
				c.reviewsOnTime += rs.getLong("on_time");
			});
		jdbc.sql("""
				select closed_lead_org_id, count(*) closed,
				  count(*) filter (where outcome = 'RESOLVED' and not reworked) resolved
				from asm_case_fact where closed_lead_org_id is not null and closed_at >= ? and closed_at < ?
				group by closed_lead_org_id""")
			.params(f, t)
			.query(rs -> {
				Counts c = at.apply(rs.getLong("closed_lead_org_id"));
				c.closed += rs.getLong("closed");
				c.resolvedFirstTime += rs.getLong("resolved");
			});
		jdbc.sql("""
				select lead_org_id, count(*) judged,
				  count(*) filter (where rating = 'SATISFIED') s,
				  count(*) filter (where rating = 'BASICALLY_SATISFIED') b,
				  count(*) filter (where rating = 'UNSATISFIED') u,
				  count(*) filter (where rating = 'NOT_GIVEN') n,
				  count(*) filter (where rework) reworks
				from asm_judgement where lead_org_id is not null and judged_at >= ? and judged_at < ? group by lead_org_id""")
			.params(f, t)
			.query(rs -> {
				Counts c = at.apply(rs.getLong("lead_org_id"));
				c.judged += rs.getLong("judged");
				c.satisfied += rs.getLong("s");
				c.basicallySatisfied += rs.getLong("b");
				c.unsatisfied += rs.getLong("u");
				c.notGiven += rs.getLong("n");
				c.reworks += rs.getLong("reworks");
			});
		jdbc.sql("""
				select org_id, kind, count(*) decided, count(*) filter (where approved) approved
				from asm_request_fact where decided_at >= ? and decided_at < ? group by org_id, kind""")
			.params(f, t)
			.query(rs -> {
				Counts c = at.apply(rs.getLong("org_id"));
				if (rs.getString("kind").equals("RETURN")) {
					c.returnRequests += rs.getLong("decided");
					c.returnsApproved += rs.getLong("approved");
				}
				else {
					c.extensionRequests += rs.getLong("decided");
					c.extensionsApproved += rs.getLong("approved");
				}
			});
		jdbc.sql("select org_id, count(*) n from asm_deadline_miss where org_id is not null and at >= ? and at < ? group by org_id")
			.params(f, t)
			.query(rs -> {
				at.apply(rs.getLong("org_id")).overdue += rs.getLong("n");
			});
		jdbc.sql("select org_id, count(*) n from asm_supervision_fact where org_id is not null and at >= ? and at < ? group by org_id")
			.params(f, t)
			.query(rs -> {
				at.apply(rs.getLong("org_id")).supervisions += rs.getLong("n");
			});
		jdbc.sql("select org_id, count(*) n from accountability_record where created_at >= ? and created_at < ? group by org_id")
			.params(f, t)
			.query(rs -> {
				at.apply(rs.getLong("org_id")).accountability += rs.getLong("n");
			});
		Map<Long, Measures> out = new HashMap<>();
		byOrg.forEach((org, c) -> out.put(org, c.toMeasures()));
		return out;
	}

	/** One input to a department's bottom-up score: a town's score, or a whistle-blowing town's evaluation. */
	record BottomUpInput(long departmentId, long townId, String source, double score) {
	}

	/**
	 * The towns' scores for the months starting in [firstMonth, lastMonth] and the ratings whistle-blowing
	 * units gave enforcement rounds led by departments in [from, to) (mapped to scores by the caller).
	 */
	List<BottomUpInput> townScores(LocalDate firstMonth, LocalDate lastMonth) {
		return jdbc.sql("select department_id, town_id, score from asm_bottom_up_score where month between ? and ?")
			.params(firstMonth, lastMonth)
			.query((rs, n) -> new BottomUpInput(rs.getLong("department_id"), rs.getLong("town_id"), "SCORE",
					rs.getInt("score")))
			.list();
	}

	private List<WhistleRatings> whistleRatings(Instant from, Instant to) {
		return jdbc.sql("""
				select j.lead_org_id, c.initiating_org_id, j.rating, count(*) from asm_judgement j
				join asm_case_fact c on c.case_id = j.case_id
				where c.case_type = 'ENFORCEMENT' and j.evaluator_org_id = c.initiating_org_id and j.lead_org_id is not null
				  and j.rating in ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED') and j.judged_at >= ? and j.judged_at < ?
				group by 1, 2, 3""")
			.params(Timestamp.from(from), Timestamp.from(to))
			.query((rs, n) -> new WhistleRatings(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	/** Whether the department had a task in the town's jurisdiction (or on its whistle) in [from, to). */
	boolean workedWith(long departmentId, long townId, Instant from, Instant to) {
		return jdbc.sql("""
				select exists (select 1 from asm_task_fact t join asm_case_fact c on c.case_id = t.case_id
				  where t.org_id = ? and (c.town_id = ? or c.initiating_org_id = ?) and t.dispatched_at >= ? and t.dispatched_at < ?)""")
			.params(departmentId, townId, townId, Timestamp.from(from), Timestamp.from(to))
			.query(Boolean.class)
			.single();
	}

	static List<Long> ids(Map<Long, ?> map) {
		return new ArrayList<>(map.keySet());
	}
}
