package org.sudi.assessment.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.sudi.assessment.Situation;
import org.sudi.casework.ReworkOrdered;
import org.sudi.clock.TaskLongOverdue;

/**
 * The accountability register. A second (or further) failure in a row of the same case opens a
 * record against the lead unit of the failed round, in the same transaction as the rework itself,
 * so a rework is never recorded without its record.
 */
@Service
public class AccountabilityRegister {

	public record Record(long id, UUID caseId, long orgId, int round, String cause, Situation situation,
			String reason, String status, Instant createdAt) {
	}

	private final JdbcClient jdbc;

	AccountabilityRegister(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(ReworkOrdered rework) {
		if (rework.consecutiveFailures() < 2) {
			return;
		}
		String reason = "诉求 " + rework.trackingNo() + " 连续第" + rework.consecutiveFailures() + "次未通过 ("
				+ rework.reason() + ")";
		jdbc.sql("""
				insert into accountability_record(case_id, org_id, round, cause, situation, reason, status, created_at)
				values (?, ?, ?, 'REPEATED_FAILURE', ?, ?, 'OPEN', ?) on conflict do nothing""")
			.params(rework.caseId(), rework.leadOrgId(), rework.failedRound(), Situation.POOR_IMPLEMENTATION.name(),
					reason, Timestamp.from(rework.at()))
			.update();
	}

	@EventListener
	void on(TaskLongOverdue overdue) {
		String reason = "诉求 " + overdue.trackingNo() + " 的任务超期办理 (task long overdue; deadline "
				+ overdue.dueAt() + ")";
		jdbc.sql("""
				insert into accountability_record(case_id, org_id, round, task_id, cause, situation, reason, status,
				  created_at) values (?, ?, ?, ?, 'LONG_OVERDUE', ?, ?, 'OPEN', ?) on conflict do nothing""")
			.params(overdue.caseId(), overdue.orgId(), overdue.round(), overdue.taskId(),
					Situation.POOR_IMPLEMENTATION.name(), reason, Timestamp.from(overdue.at()))
			.update();
	}

	public List<Record> all() {
		return jdbc.sql("select * from accountability_record order by created_at desc, id desc")
			.query((rs, n) -> new Record(rs.getLong("id"), rs.getObject("case_id", UUID.class), rs.getLong("org_id"),
					rs.getInt("round"), rs.getString("cause"), Situation.valueOf(rs.getString("situation")), rs.getString("reason"),
					rs.getString("status"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}
}
