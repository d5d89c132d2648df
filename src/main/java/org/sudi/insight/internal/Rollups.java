package org.sudi.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseAwaitingEvaluation;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseEscalated;
import org.sudi.casework.CaseEvaluated;
import org.sudi.casework.CaseInstructed;
import org.sudi.casework.CaseReturnedToTriage;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.DeadlineCleared;
import org.sudi.casework.Outcome;
import org.sudi.casework.ReworkOrdered;
import org.sudi.clock.DeadlineMissed;
import org.sudi.clock.DeadlineWarned;
import org.sudi.clock.SupervisionIssued;

/**
 * Keeps the screen's rollups from the events, in the transaction of their cause (ADR 0005), and puts
 * a line on the live feed for what the command centre should see happen. Each event touches a
 * handful of rows; the screen reads these rows only. The per-day counts go to this database session's
 * bucket of the {@code ins_day_*_shard} tables (ADR 0034), so concurrent transactions do not queue on
 * one row; {@link #foldShards} moves finished days into the per-day tables.
 */
@Component
class Rollups {

	private final JdbcClient jdbc;
	private final Clock clock;
	private final LiveFeed feed;
	private final Names names;

	Rollups(JdbcClient jdbc, Clock clock, LiveFeed feed, Names names) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.feed = feed;
		this.names = names;
	}

	private LocalDate day(Instant at) {
		return LocalDate.ofInstant(at, clock.getZone());
	}

	private static Timestamp ts(Instant i) {
		return Timestamp.from(i);
	}

	@EventListener
	void on(CaseSubmitted e) {
		String channel = e.channel() == null ? "UNKNOWN" : e.channel().name();
		// One call for the three day counts and the open case (V65__insight_case_submitted.sql).
		jdbc.sql("select ins_case_submitted(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(e.caseId(), e.trackingNo(), e.type().name(), channel, e.townId(), e.categoryCode(),
					e.urgency().name(), e.status().name(), ts(e.at()), day(e.at()))
			.query()
			.singleRow();
		feed.publish(new FeedItem("SUBMITTED", e.caseId().toString(), e.trackingNo(), e.type().name(),
				names.town(e.townId()), names.category(e.categoryCode()), "新诉求 new case", e.at()));
	}

	/** Moves the shards' rows of the days before today into the per-day tables; returns how many rows moved. */
	long foldShards() {
		return jdbc.sql("select ins_fold_rollup_shards(?)").param(LocalDate.now(clock)).query(Long.class).single();
	}

	private void status(UUID caseId, String status, String action, Instant at) {
		jdbc.sql("update ins_open_case set status = ?, last_action = ?, updated_at = ? where case_id = ?")
			.params(status, action, ts(at), caseId)
			.update();
	}

	@EventListener
	void on(CaseEscalated e) {
		status(e.caseId(), "DISTRICT_TRIAGE", "ESCALATE", e.at());
	}

	@EventListener
	void on(CaseReturnedToTriage e) {
		status(e.caseId(), "DISTRICT_TRIAGE", "RETURN_APPROVED", e.at());
	}

	@EventListener
	void on(CaseAwaitingEvaluation e) {
		status(e.caseId(), "PENDING_EVALUATION", "COMPLETE", e.at());
	}

	@EventListener
	void on(ReworkOrdered e) {
		status(e.caseId(), "IN_PROGRESS", "REWORK", e.at());
	}

	@EventListener
	void on(CaseDispatched e) {
		Long[] units = e.tasks().stream().map(t -> t.orgId()).toArray(Long[]::new);
		Map<String, Object> c = first(jdbc.sql("""
				update ins_open_case set status = 'IN_PROGRESS', last_action = 'DISPATCH', updated_at = ?,
				  unit_ids = array(select distinct u from unnest(unit_ids || ?::bigint[]) u)
				where case_id = ? returning tracking_no, case_type, town_id, category_code""")
			.params(ts(e.at()), units, e.caseId()));
		if (c != null && !e.byTown()) {
			feed.publish(new FeedItem("DISPATCHED", e.caseId().toString(), (String) c.get("tracking_no"),
					(String) c.get("case_type"), names.town((Long) c.get("town_id")),
					names.category((String) c.get("category_code")),
					"派单 dispatched → " + names.units(e.tasks().stream().map(t -> t.orgId()).toList()), e.at()));
		}
	}

	@EventListener
	void on(CaseInstructed e) {
		jdbc.sql("update ins_open_case set urgency = 'URGENT', last_action = 'INSTRUCT', updated_at = ? where case_id = ?")
			.params(ts(e.at()), e.caseId())
			.update();
		feedAbout(e.caseId(), "INSTRUCTED", "领导批示 instruction", e.at());
	}

	@EventListener
	void on(CaseEvaluated e) {
		String column = switch (e.rating()) {
			case SATISFIED -> "satisfied";
			case BASICALLY_SATISFIED -> "basically";
			case UNSATISFIED -> "unsatisfied";
			case NOT_GIVEN -> "not_given";
		};
		// Counted under the open case's type and channel (nothing when the screen does not hold it).
		jdbc.sql("insert into ins_day_total_shard(day, case_type, channel, bucket, " + column
				+ ") select ?::date, case_type, channel, ins_bucket(), 1 from ins_open_case where case_id = ?"
				+ " on conflict (day, case_type, channel, bucket) do update set "
				+ column + " = ins_day_total_shard." + column + " + 1")
			.params(day(e.at()), e.caseId())
			.update();
	}

	@EventListener
	@Order(100)
	void on(CaseClosed e) {
		// The open case leaves the screen; what it was is what the closing counts.
		Map<String, Object> c = first(jdbc.sql("delete from ins_open_case where case_id = ? returning *").param(e.caseId()));
		if (c == null) {
			return;
		}
		boolean resolved = e.outcome() == Outcome.RESOLVED;
		long seconds = resolved ? Duration.between(((Timestamp) c.get("submitted_at")).toInstant(), e.at()).toSeconds() : 0;
		LocalDate day = day(e.at());
		jdbc.sql("""
				insert into ins_day_total_shard(day, case_type, channel, bucket, closed, resolved, handling_seconds)
				values (?, ?, ?, ins_bucket(), 1, ?, ?)
				on conflict (day, case_type, channel, bucket) do update set closed = ins_day_total_shard.closed + 1,
				  resolved = ins_day_total_shard.resolved + excluded.resolved,
				  handling_seconds = ins_day_total_shard.handling_seconds + excluded.handling_seconds""")
			.params(day, c.get("case_type"), c.get("channel"), resolved ? 1 : 0, seconds)
			.update();
		Long town = (Long) c.get("town_id");
		jdbc.sql("""
				insert into ins_day_town_shard(day, town_id, bucket, closed) values (?, ?, ins_bucket(), 1)
				on conflict (day, town_id, bucket) do update set closed = ins_day_town_shard.closed + 1""")
			.params(day, town == null ? 0L : town)
			.update();
		jdbc.sql("delete from ins_step_state where case_id = ?").param(e.caseId()).update();
		feed.publish(new FeedItem("CLOSED", e.caseId().toString(), (String) c.get("tracking_no"),
				(String) c.get("case_type"), names.town(town), names.category((String) c.get("category_code")),
				"办结关闭 closed: " + e.outcome(), e.at()));
	}

	// ------------------------------------------------------------------ warning and overdue

	private static String key(UUID taskId, Object step) {
		return (taskId == null ? "case" : taskId.toString()) + ":" + step;
	}

	@EventListener
	void on(DeadlineWarned e) {
		int inserted = jdbc.sql("insert into ins_step_state(case_id, step_key, state) values (?, ?, 'WARNING') on conflict do nothing")
			.params(e.caseId(), key(e.taskId(), e.step()))
			.update();
		if (inserted == 1) {
			jdbc.sql("update ins_open_case set warning_steps = warning_steps + 1 where case_id = ?").param(e.caseId()).update();
		}
	}

	@EventListener
	void on(DeadlineMissed e) {
		String previous = jdbc.sql("select state from ins_step_state where case_id = ? and step_key = ?")
			.params(e.caseId(), key(e.taskId(), e.step()))
			.query(String.class)
			.optional()
			.orElse(null);
		if ("OVERDUE".equals(previous)) {
			return;
		}
		jdbc.sql("""
				insert into ins_step_state(case_id, step_key, state) values (?, ?, 'OVERDUE')
				on conflict (case_id, step_key) do update set state = 'OVERDUE'""")
			.params(e.caseId(), key(e.taskId(), e.step()))
			.update();
		jdbc.sql("update ins_open_case set overdue_steps = overdue_steps + 1, warning_steps = warning_steps - ? where case_id = ?")
			.params("WARNING".equals(previous) ? 1 : 0, e.caseId())
			.update();
		feedAbout(e.caseId(), "OVERDUE", "超期 overdue", e.at());
	}

	@EventListener
	void on(DeadlineCleared e) {
		String previous = jdbc.sql("delete from ins_step_state where case_id = ? and step_key = ? returning state")
			.params(e.caseId(), key(e.taskId(), e.step()))
			.query(String.class)
			.optional()
			.orElse(null);
		if (previous != null) {
			String column = previous.equals("OVERDUE") ? "overdue_steps" : "warning_steps";
			jdbc.sql("update ins_open_case set " + column + " = greatest(" + column + " - 1, 0) where case_id = ?")
				.param(e.caseId())
				.update();
		}
	}

	@EventListener
	void on(SupervisionIssued e) {
		if (!e.automatic()) {
			feedAbout(e.caseId(), "SUPERVISED", "督办 supervision", e.at());
		}
	}

	private void feedAbout(UUID caseId, String kind, String text, Instant at) {
		Map<String, Object> c = openCase(caseId);
		if (c != null) {
			feed.publish(new FeedItem(kind, caseId.toString(), (String) c.get("tracking_no"), (String) c.get("case_type"),
					names.town((Long) c.get("town_id")), names.category((String) c.get("category_code")), text, at));
		}
	}

	Map<String, Object> openCase(UUID caseId) {
		return first(jdbc.sql("select * from ins_open_case where case_id = ?").param(caseId));
	}

	/** The statement's first row, or null when it gives none. */
	private static Map<String, Object> first(JdbcClient.StatementSpec statement) {
		return statement.query().listOfRows().stream().findFirst().orElse(null);
	}
}
