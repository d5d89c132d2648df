package org.sudi.clock.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.sudi.catalog.Step;

/** The clock's own record of every timed step (table clock_deadline). */
@Repository
class ClockDeadlines {

	enum State {
		PENDING, WARNED, OVERDUE, LONG_OVERDUE, DONE
	}

	record Row(long id, UUID caseId, String trackingNo, UUID taskId, Long orgId, int round, Step step, String caseType,
			String urgency, Instant warnAt, Instant dueAt, Instant longDueAt, State state) {

		boolean leadersConcerned() {
			return "URGENT".equals(urgency) || "ENFORCEMENT".equals(caseType);
		}
	}

	private static final String NO_TASK = "00000000-0000-0000-0000-000000000000";

	private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getLong("id"), rs.getObject("case_id", UUID.class),
			rs.getString("tracking_no"), rs.getObject("task_id", UUID.class), rs.getObject("org_id", Long.class),
			rs.getInt("round"),
			Step.valueOf(rs.getString("step")), rs.getString("case_type"), rs.getString("urgency"),
			rs.getTimestamp("warn_at").toInstant(), rs.getTimestamp("due_at").toInstant(),
			rs.getTimestamp("long_due_at") == null ? null : rs.getTimestamp("long_due_at").toInstant(),
			State.valueOf(rs.getString("state")));

	private final JdbcClient jdbc;

	ClockDeadlines(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Starts (or restarts, when moved) the clock of a step. */
	void set(UUID caseId, String trackingNo, UUID taskId, Long orgId, int round, Step step, String caseType, String urgency,
			Instant warnAt, Instant dueAt, Instant longDueAt, Instant now) {
		jdbc.sql("""
				insert into clock_deadline(case_id, tracking_no, task_id, org_id, round, step, case_type, urgency, warn_at,
				  due_at, long_due_at, state, next_at, updated_at)
				values (:case, :tracking, :task, :org, :round, :step, :type, :urgency, :warn, :due, :longDue, 'PENDING', :warn, :now)
				on conflict (case_id, coalesce(task_id, '%s'::uuid), step) do update set
				  org_id = excluded.org_id, round = excluded.round, warn_at = excluded.warn_at, due_at = excluded.due_at,
				  long_due_at = excluded.long_due_at, state = 'PENDING', next_at = excluded.warn_at,
				  updated_at = excluded.updated_at""".formatted(NO_TASK))
			.param("case", caseId)
			.param("tracking", trackingNo)
			.param("task", taskId)
			.param("org", orgId)
			.param("round", round)
			.param("step", step.name())
			.param("type", caseType)
			.param("urgency", urgency)
			.param("warn", ts(warnAt))
			.param("due", ts(dueAt))
			.param("longDue", ts(longDueAt))
			.param("now", ts(now))
			.update();
	}

	/** The step is done or no longer needed: nothing more will fire for it. */
	void clear(UUID caseId, UUID taskId, Step step, Instant now) {
		jdbc.sql("update clock_deadline set state = 'DONE', next_at = null, updated_at = ? "
				+ "where case_id = ? and coalesce(task_id, '" + NO_TASK + "'::uuid) = coalesce(?, '" + NO_TASK
				+ "'::uuid) and step = ? and state <> 'DONE'")
			.params(ts(now), caseId, taskId, step.name())
			.update();
	}

	/**
	 * Claims the next row whose time has come, locking it so that no other sweeper (on any node)
	 * takes it before this transaction ends.
	 */
	Optional<Row> claimNextDue(Instant now) {
		return jdbc.sql("select * from clock_deadline where next_at <= ? order by next_at limit 1 for update skip locked")
			.param(ts(now))
			.query(ROW)
			.optional();
	}

	void moveTo(long id, State state, Instant nextAt, Instant now) {
		jdbc.sql("update clock_deadline set state = ?, next_at = ?, updated_at = ? where id = ?")
			.params(state.name(), ts(nextAt), ts(now), id)
			.update();
	}

	Optional<Row> find(UUID caseId, UUID taskId, Step step) {
		return jdbc.sql("select * from clock_deadline where case_id = ? and coalesce(task_id, '" + NO_TASK
				+ "'::uuid) = coalesce(?, '" + NO_TASK + "'::uuid) and step = ?")
			.params(caseId, taskId, step.name())
			.query(ROW)
			.optional();
	}

	/** Steps past their warning or deadline and not done, the most urgent first (the overdue board). */
	java.util.List<Row> late(int limit) {
		return jdbc.sql("select * from clock_deadline where state in ('WARNED', 'OVERDUE', 'LONG_OVERDUE') "
				+ "order by due_at limit ?")
			.param(limit)
			.query(ROW)
			.list();
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}
}
