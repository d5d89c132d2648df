package org.sudi.clock.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Supervisions (督办): automatic ones on overdue steps, and those issued by hand. */
@Repository
public class Supervisions {

	public record Supervision(long id, UUID caseId, String trackingNo, UUID taskId, Long orgId, String note,
			Instant deadline, boolean automatic, String issuedBy, Instant issuedAt, Instant missedAt, Instant closedAt,
			String closedNote) {

		public boolean isOpen() {
			return closedAt == null;
		}
	}

	private static final RowMapper<Supervision> ROW = (rs, n) -> new Supervision(rs.getLong("id"),
			rs.getObject("case_id", UUID.class), rs.getString("tracking_no"), rs.getObject("task_id", UUID.class),
			rs.getObject("org_id", Long.class), rs.getString("note"), instant(rs.getTimestamp("deadline")),
			rs.getBoolean("automatic"), rs.getString("issued_by"), instant(rs.getTimestamp("issued_at")),
			instant(rs.getTimestamp("missed_at")), instant(rs.getTimestamp("closed_at")), rs.getString("closed_note"));

	private final JdbcClient jdbc;

	Supervisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(UUID caseId, String trackingNo, UUID taskId, Long orgId, String note, Instant deadline,
			boolean automatic, String issuedBy, Instant at) {
		return jdbc.sql("""
				insert into supervision(case_id, tracking_no, task_id, org_id, note, deadline, automatic, issued_by,
				  issued_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(caseId, trackingNo, taskId, orgId, note, ClockDeadlines.ts(deadline), automatic, issuedBy,
					ClockDeadlines.ts(at))
			.query(Long.class)
			.single();
	}

	/** Closes the open supervisions of a task (or, with a null task, of the whole case). */
	int close(UUID caseId, UUID taskId, String note, Instant at) {
		String which = taskId == null ? "" : " and task_id = :task";
		var spec = jdbc.sql("update supervision set closed_at = :at, closed_note = :note where case_id = :case"
				+ " and closed_at is null" + which)
			.param("at", ClockDeadlines.ts(at))
			.param("note", note)
			.param("case", caseId);
		if (taskId != null) {
			spec = spec.param("task", taskId);
		}
		return spec.update();
	}

	/** Claims one open supervision whose own deadline has passed and was not yet reported. */
	Optional<Supervision> claimMissed(Instant now) {
		return jdbc.sql("""
				select * from supervision where closed_at is null and missed_at is null and deadline <= ?
				order by deadline limit 1 for update skip locked""")
			.param(ClockDeadlines.ts(now))
			.query(ROW)
			.optional();
	}

	void markMissed(long id, Instant at) {
		jdbc.sql("update supervision set missed_at = ? where id = ?").params(ClockDeadlines.ts(at), id).update();
	}

	public List<Supervision> list(Boolean open, Long orgId, UUID caseId, int limit) {
		StringBuilder sql = new StringBuilder("select * from supervision where 1 = 1");
		var params = new java.util.HashMap<String, Object>();
		if (open != null) {
			sql.append(open ? " and closed_at is null" : " and closed_at is not null");
		}
		if (orgId != null) {
			sql.append(" and org_id = :org");
			params.put("org", orgId);
		}
		if (caseId != null) {
			sql.append(" and case_id = :case");
			params.put("case", caseId);
		}
		sql.append(" order by issued_at desc, id desc limit :limit");
		params.put("limit", limit);
		return jdbc.sql(sql.toString()).params(params).query(ROW).list();
	}

	private static Instant instant(java.sql.Timestamp ts) {
		return ts == null ? null : ts.toInstant();
	}
}
