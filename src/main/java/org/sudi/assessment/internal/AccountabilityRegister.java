package org.sudi.assessment.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.assessment.Situation;
import org.sudi.assessment.domain.AccountabilityRecord;
import org.sudi.assessment.domain.AccountabilityRecord.Decision;
import org.sudi.assessment.domain.AccountabilityRecord.Status;
import org.sudi.assessment.domain.AccountabilityRecord.Step;
import org.sudi.casework.ReworkOrdered;
import org.sudi.clock.DeadlineMissed;
import org.sudi.clock.TaskLongOverdue;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * The accountability register (问责). Records open automatically, in the transaction of their cause:
 * the second (and every further) failure in a row of a case (落实不力, against the failed round's
 * lead), a task still open long after its deadline (落实不力), and a task whose return the command
 * centre refused and which then went overdue (拒不执行指挥中心安排). Discipline inspectors open
 * records by hand and move every record OPEN → UNDER_REVIEW → DECIDED | DISMISSED; each step is kept
 * in {@code accountability_history}.
 */
@Service
public class AccountabilityRegister {

	public record Record(long id, UUID caseId, long orgId, Integer round, UUID taskId, String cause, Situation situation,
			String situationName, String reason, String status, String decision, String openedBy, Instant createdAt,
			Instant updatedAt) {
	}

	public record HistoryEntry(String action, String fromStatus, String toStatus, String decision, String note,
			String byUsername, Instant at) {
	}

	public record RecordWithHistory(Record record, List<HistoryEntry> history) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final OrgUnits orgUnits;
	private final AssessmentProperties properties;

	AccountabilityRegister(JdbcClient jdbc, Clock clock, OrgUnits orgUnits, AssessmentProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.orgUnits = orgUnits;
		this.properties = properties;
	}

	/** The names of the six situations; OTHER_1 and OTHER_2 come from {@code sudi.assessment.situation-names}. */
	public Map<Situation, String> situationNames() {
		Map<Situation, String> names = new LinkedHashMap<>();
		names.put(Situation.SLOPPY_WORK_STYLE, "作风不实");
		names.put(Situation.POOR_IMPLEMENTATION, "落实不力");
		names.put(Situation.BUCK_PASSING, "推诿扯皮");
		names.put(Situation.DEFYING_COMMAND_CENTER, "拒不执行指挥中心安排");
		Map<String, String> configured = properties.situationNames() == null ? Map.of() : properties.situationNames();
		names.put(Situation.OTHER_1, configured.getOrDefault("OTHER_1", configured.getOrDefault("other-1", "其他情形一")));
		names.put(Situation.OTHER_2, configured.getOrDefault("OTHER_2", configured.getOrDefault("other-2", "其他情形二")));
		return names;
	}

	// ------------------------------------------------------------------ opened automatically

	@EventListener
	void on(ReworkOrdered rework) {
		if (rework.consecutiveFailures() < 2) {
			return;
		}
		String reason = "诉求 " + rework.trackingNo() + " 连续第" + rework.consecutiveFailures() + "次未通过 ("
				+ rework.reason() + ")";
		openAutomatically(rework.caseId(), rework.leadOrgId(), rework.failedRound(), null, "REPEATED_FAILURE",
				Situation.POOR_IMPLEMENTATION, reason, rework.at());
	}

	@EventListener
	void on(TaskLongOverdue overdue) {
		String reason = "诉求 " + overdue.trackingNo() + " 的任务超期办理 (task long overdue; deadline "
				+ overdue.dueAt() + ")";
		openAutomatically(overdue.caseId(), overdue.orgId(), overdue.round(), overdue.taskId(), "LONG_OVERDUE",
				Situation.POOR_IMPLEMENTATION, reason, overdue.at());
	}

	/**
	 * A refused return followed by no handling: the command centre refused the unit's return request,
	 * and the task then missed its sign or completion deadline.
	 */
	@EventListener
	void on(DeadlineMissed missed) {
		if (missed.taskId() == null || missed.orgId() == null
				|| (missed.step() != org.sudi.catalog.Step.SIGN && missed.step() != org.sudi.catalog.Step.COMPLETE)) {
			return;
		}
		Integer round = jdbc.sql("""
				select t.round from asm_task_fact t where t.task_id = ? and t.completed_at is null and exists (
				  select 1 from asm_request_fact r where r.task_id = t.task_id and r.kind = 'RETURN'
				  and r.approved = false and r.decided_at <= ?)""")
			.params(missed.taskId(), Timestamp.from(missed.at()))
			.query(Integer.class)
			.optional()
			.orElse(null);
		if (round == null) {
			return;
		}
		String reason = "诉求 " + missed.trackingNo() + " 退单申请被指挥中心驳回后仍未办理，" + label(missed.step())
				+ "已超期 (return refused, then " + missed.step() + " overdue)";
		openAutomatically(missed.caseId(), missed.orgId(), round, missed.taskId(), "REFUSED_RETURN_OVERDUE",
				Situation.DEFYING_COMMAND_CENTER, reason, missed.at());
	}

	private static String label(org.sudi.catalog.Step step) {
		return step == org.sudi.catalog.Step.SIGN ? "签收" : "办结";
	}

	private void openAutomatically(UUID caseId, long orgId, Integer round, UUID taskId, String cause, Situation situation,
			String reason, Instant at) {
		jdbc.sql("""
				insert into accountability_record(case_id, org_id, round, task_id, cause, situation, reason, status,
				  created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) on conflict do nothing returning id""")
			.params(caseId, orgId, round, taskId, cause, situation.name(), reason, Timestamp.from(at), Timestamp.from(at))
			.query(Long.class)
			.optional()
			.ifPresent(id -> history(id, new Step("OPEN", null, Status.OPEN, null, reason, "system", at)));
	}

	// ------------------------------------------------------------------ opened and handled by inspectors

	/** Opens a record by hand (DISCIPLINE), against a unit, in one of the six situations, optionally on a case. */
	@Transactional
	public RecordWithHistory open(Actor actor, long orgId, UUID caseId, Situation situation, String reason) {
		Instant now = clock.instant();
		Step step = AccountabilityRecord.openedBy(actor, reason, now);
		if (orgUnits.find(orgId).map(u -> !u.kind().canHandleTasks()).orElse(true)) {
			throw new InvalidInputException("orgId", "must be a department, town or village");
		}
		if (situation == null) {
			throw new InvalidInputException("situation", "must be one of " + List.of(Situation.values()));
		}
		long id = jdbc.sql("""
				insert into accountability_record(case_id, org_id, cause, situation, reason, status, opened_by, created_at,
				  updated_at) values (?, ?, 'MANUAL', ?, ?, 'OPEN', ?, ?, ?) returning id""")
			.params(caseId, orgId, situation.name(), step.note(), actor.username(), Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.single();
		history(id, step);
		return get(actor, id);
	}

	@Transactional
	public RecordWithHistory review(Actor actor, long id, String note) {
		return move(actor, id, r -> r.review(actor, note, clock.instant()));
	}

	@Transactional
	public RecordWithHistory decide(Actor actor, long id, Decision decision, String note) {
		return move(actor, id, r -> r.decide(actor, decision, note, clock.instant()));
	}

	@Transactional
	public RecordWithHistory dismiss(Actor actor, long id, String note) {
		return move(actor, id, r -> r.dismiss(actor, note, clock.instant()));
	}

	private RecordWithHistory move(Actor actor, long id, java.util.function.Function<AccountabilityRecord, Step> action) {
		AccountabilityRecord.requireInspector(actor);
		AccountabilityRecord record = jdbc.sql("select id, status, decision from accountability_record where id = ? for update")
			.param(id)
			.query((rs, n) -> new AccountabilityRecord(rs.getLong(1), Status.valueOf(rs.getString(2)),
					rs.getString(3) == null ? null : Decision.valueOf(rs.getString(3))))
			.optional()
			.orElseThrow(() -> new NotFoundException("Accountability record", id));
		Step step = action.apply(record);
		jdbc.sql("update accountability_record set status = ?, decision = ?, updated_at = ? where id = ?")
			.params(record.status().name(), record.decision() == null ? null : record.decision().name(),
					Timestamp.from(step.at()), id)
			.update();
		history(id, step);
		return get(actor, id);
	}

	private void history(long recordId, Step step) {
		jdbc.sql("""
				insert into accountability_history(record_id, action, from_status, to_status, decision, note, by_username, at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(recordId, step.action(), step.from() == null ? null : step.from().name(), step.to().name(),
					step.decision() == null ? null : step.decision().name(), step.note(), step.byUsername(),
					Timestamp.from(step.at()))
			.update();
	}

	// ------------------------------------------------------------------ reading

	public static void requireReader(Actor actor) {
		if (!actor.hasAny(Role.DISCIPLINE, Role.LEADER, Role.DISPATCHER, Role.ADMIN)) {
			throw new ForbiddenException("Only discipline inspectors, leaders, the command centre and administrators "
					+ "may read accountability records");
		}
	}

	@Transactional(readOnly = true)
	public List<Record> all() {
		return jdbc.sql("select * from accountability_record order by created_at desc, id desc").query(this::record).list();
	}

	@Transactional(readOnly = true)
	public RecordWithHistory get(Actor actor, long id) {
		requireReader(actor);
		Record r = jdbc.sql("select * from accountability_record where id = ?").param(id).query(this::record).optional()
			.orElseThrow(() -> new NotFoundException("Accountability record", id));
		List<HistoryEntry> history = jdbc.sql("select * from accountability_history where record_id = ? order by at, id")
			.param(id)
			.query((rs, n) -> new HistoryEntry(rs.getString("action"), rs.getString("from_status"),
					rs.getString("to_status"), rs.getString("decision"), rs.getString("note"), rs.getString("by_username"),
					rs.getTimestamp("at").toInstant()))
			.list();
		return new RecordWithHistory(r, history);
	}

	private Record record(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		Situation situation = Situation.valueOf(rs.getString("situation"));
		Timestamp updated = rs.getTimestamp("updated_at");
		return new Record(rs.getLong("id"), rs.getObject("case_id", UUID.class), rs.getLong("org_id"),
				(Integer) rs.getObject("round"), rs.getObject("task_id", UUID.class), rs.getString("cause"), situation,
				situationNames().get(situation), rs.getString("reason"), rs.getString("status"), rs.getString("decision"),
				rs.getString("opened_by"), rs.getTimestamp("created_at").toInstant(),
				updated == null ? null : updated.toInstant());
	}
}
