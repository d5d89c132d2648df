package org.sudi.assessment.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseEscalated;
import org.sudi.casework.CaseEvaluated;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.CaseVerified;
import org.sudi.casework.DeadlineSet;
import org.sudi.casework.ReworkOrdered;
import org.sudi.casework.TaskCompleted;
import org.sudi.casework.TaskRequestDecided;
import org.sudi.casework.TaskRequestMade;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskSigned;
import org.sudi.catalog.Step;
import org.sudi.clock.DeadlineMissed;
import org.sudi.clock.SupervisionIssued;

/**
 * Keeps the assessment's own fact tables from casework's and the clock's events, inside the
 * transaction that published them (ADR 0005): a fact is recorded exactly when its cause commits.
 * Events may arrive in either order where the aggregate registers them together (a task's deadline
 * before its dispatch), so task rows are upserted.
 */
@Component
class FactRecorder {

	private final JdbcClient jdbc;
	private final AssessmentService assessment;

	FactRecorder(JdbcClient jdbc, AssessmentService assessment) {
		this.jdbc = jdbc;
		this.assessment = assessment;
	}

	/** A submitted case's fact waiting for its transaction's commit, with the town review's deadline if set. */
	private static final class NewCaseFact {

		final CaseSubmitted submitted;

		Instant reviewDue;

		NewCaseFact(CaseSubmitted submitted) {
			this.submitted = submitted;
		}
	}

	/**
	 * The transaction's submitted cases whose facts are not written yet (in submission order), kept by a
	 * synchronization of the transaction (so an inner REQUIRES_NEW transaction has its own) and written
	 * before it commits; null outside a transaction, and where there are none yet unless {@code create}.
	 */
	private Map<UUID, NewCaseFact> newCaseFacts(boolean create) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
			if (s instanceof WaitingCaseFacts w && w.recorder == this) {
				return w.facts;
			}
		}
		if (!create) {
			return null;
		}
		WaitingCaseFacts w = new WaitingCaseFacts(this);
		TransactionSynchronizationManager.registerSynchronization(w);
		return w.facts;
	}

	private static final class WaitingCaseFacts implements TransactionSynchronization {

		final FactRecorder recorder;

		final Map<UUID, NewCaseFact> facts = new LinkedHashMap<>();

		WaitingCaseFacts(FactRecorder recorder) {
			this.recorder = recorder;
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			recorder.writeWaiting(facts);
		}
	}

	/** Marks the shared live results stale and writes the transaction's waiting case facts first. */
	private void changing() {
		assessment.factsChanged(); // shared live results are stale once this commits
		Map<UUID, NewCaseFact> waiting = newCaseFacts(false);
		if (waiting != null) {
			writeWaiting(waiting);
		}
	}

	private void writeWaiting(Map<UUID, NewCaseFact> waiting) {
		waiting.values().forEach(this::insert);
		waiting.clear();
	}

	private void insert(NewCaseFact f) {
		CaseSubmitted e = f.submitted;
		jdbc.sql("""
				insert into asm_case_fact(case_id, case_type, town_id, initiating_org_id, submitted_at, review_town_id,
				  review_due)
				values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(e.caseId(), e.type().name(), e.townId(), e.initiatingOrgId(), ts(e.at()),
					e.status() == CaseStatus.TOWN_REVIEW ? e.townId() : null, ts(f.reviewDue))
			.update();
	}

	static Timestamp ts(Instant i) {
		return i == null ? null : Timestamp.from(i);
	}

	/**
	 * A submitted case's fact is written once, when its transaction is about to commit, with the town
	 * review's deadline that the same transaction sets: one insert per intake instead of an insert and an
	 * update of the row just inserted (each firing the day counters' trigger, ADR 0025). Any other event
	 * of the transaction writes the waiting facts first, so every statement sees them as before.
	 */
	@EventListener
	void on(CaseSubmitted e) {
		assessment.factsChanged(); // shared live results are stale once this commits
		Map<UUID, NewCaseFact> waiting = newCaseFacts(true);
		if (waiting == null) {
			insert(new NewCaseFact(e));
			return;
		}
		waiting.put(e.caseId(), new NewCaseFact(e));
	}

	@EventListener
	void on(DeadlineSet e) {
		if (e.step() == Step.TOWN_REVIEW) {
			Map<UUID, NewCaseFact> waiting = newCaseFacts(false);
			NewCaseFact fact = waiting == null ? null : waiting.get(e.caseId());
			if (fact != null) {
				assessment.factsChanged(); // shared live results are stale once this commits
				fact.reviewDue = e.dueAt();
				return;
			}
			changing();
			jdbc.sql("update asm_case_fact set review_due = ? where case_id = ?").params(ts(e.dueAt()), e.caseId()).update();
			return;
		}
		changing();
		if (e.taskId() == null || e.orgId() == null || (e.step() != Step.SIGN && e.step() != Step.COMPLETE)) {
			return;
		}
		String column = e.step() == Step.SIGN ? "sign_due" : "complete_due";
		jdbc.sql("insert into asm_task_fact(task_id, case_id, org_id, round, dispatched_at, " + column + ") "
				+ "values (?, ?, ?, ?, ?, ?) on conflict (task_id) do update set " + column + " = excluded." + column)
			.params(e.taskId(), e.caseId(), e.orgId(), e.round(), ts(e.at()), ts(e.dueAt()))
			.update();
	}

	@EventListener
	void on(CaseEscalated e) {
		changing();
		reviewed(e.caseId(), e.at());
	}

	@EventListener
	void on(CaseDispatched e) {
		changing();
		for (CaseDispatched.DispatchedTask t : e.tasks()) {
			jdbc.sql("""
					insert into asm_task_fact(task_id, case_id, org_id, role, round, dispatched_at) values (?, ?, ?, ?, ?, ?)
					on conflict (task_id) do update set role = excluded.role""")
				.params(t.taskId(), e.caseId(), t.orgId(), t.role().name(), e.round(), ts(e.at()))
				.update();
			if (t.role() == TaskRole.LEAD) {
				jdbc.sql("update asm_case_fact set lead_org_id = ? where case_id = ?").params(t.orgId(), e.caseId()).update();
			}
		}
		if (e.byTown()) {
			reviewed(e.caseId(), e.at());
		}
	}

	private void reviewed(java.util.UUID caseId, Instant at) {
		jdbc.sql("update asm_case_fact set reviewed_at = coalesce(reviewed_at, ?) where case_id = ? and review_town_id is not null")
			.params(ts(at), caseId)
			.update();
	}

	@EventListener
	void on(TaskSigned e) {
		changing();
		jdbc.sql("update asm_task_fact set signed_at = ? where task_id = ?").params(ts(e.at()), e.taskId()).update();
	}

	@EventListener
	void on(TaskCompleted e) {
		changing();
		jdbc.sql("update asm_task_fact set completed_at = ? where task_id = ?").params(ts(e.at()), e.taskId()).update();
	}

	@EventListener
	void on(TaskRequestMade e) {
		changing();
		jdbc.sql("insert into asm_request_fact(task_id, case_id, org_id, kind, days, made_at) values (?, ?, ?, ?, ?, ?)")
			.params(e.taskId(), e.caseId(), e.orgId(), e.kind().name(), e.days(), ts(e.at()))
			.update();
	}

	@EventListener
	void on(TaskRequestDecided e) {
		changing();
		jdbc.sql("""
				update asm_request_fact set decided_at = ?, approved = ?
				where id = (select max(id) from asm_request_fact where task_id = ? and kind = ? and decided_at is null)""")
			.params(ts(e.at()), e.approved(), e.taskId(), e.kind().name())
			.update();
		if (!e.approved()) {
			return;
		}
		if (e.kind() == TaskRequestDecided.Kind.RETURN) {
			jdbc.sql("update asm_task_fact set returned_at = ? where task_id = ?").params(ts(e.at()), e.taskId()).update();
			jdbc.sql("""
					update asm_case_fact c set lead_org_id = null where c.case_id = ? and exists (
					  select 1 from asm_task_fact t where t.task_id = ? and t.role = 'LEAD' and t.org_id = c.lead_org_id)""")
				.params(e.caseId(), e.taskId())
				.update();
		}
		else {
			jdbc.sql("update asm_task_fact set extension_days = extension_days + ? where task_id = ?")
				.params(e.days() == null ? 0 : e.days(), e.taskId())
				.update();
		}
	}

	@EventListener
	void on(CaseEvaluated e) {
		changing();
		jdbc.sql("""
				insert into asm_judgement(case_id, round, lead_org_id, rating, evaluator_org_id, judged_at)
				values (?, ?, ?, ?, ?, ?)
				on conflict (case_id, round) do update set rating = excluded.rating,
				  evaluator_org_id = excluded.evaluator_org_id, judged_at = excluded.judged_at,
				  lead_org_id = coalesce(asm_judgement.lead_org_id, excluded.lead_org_id)""")
			.params(e.caseId(), e.round(), e.leadOrgId(), e.rating().name(), e.byOrgId(), ts(e.at()))
			.update();
	}

	@EventListener
	void on(CaseVerified e) {
		changing();
		if (e.passed()) {
			return;
		}
		jdbc.sql("""
				insert into asm_judgement(case_id, round, lead_org_id, verification_failed, judged_at)
				select ?, ?, lead_org_id, true, ? from asm_case_fact where case_id = ?
				on conflict (case_id, round) do update set verification_failed = true""")
			.params(e.caseId(), e.round(), ts(e.at()), e.caseId())
			.update();
	}

	@EventListener
	void on(ReworkOrdered e) {
		changing();
		jdbc.sql("""
				insert into asm_judgement(case_id, round, lead_org_id, rework, judged_at) values (?, ?, ?, true, ?)
				on conflict (case_id, round) do update set rework = true,
				  lead_org_id = coalesce(asm_judgement.lead_org_id, excluded.lead_org_id)""")
			.params(e.caseId(), e.failedRound(), e.leadOrgId(), ts(e.at()))
			.update();
		jdbc.sql("update asm_case_fact set reworked = true where case_id = ?").params(e.caseId()).update();
	}

	@EventListener
	void on(CaseClosed e) {
		changing();
		jdbc.sql("""
				update asm_case_fact set closed_at = ?, outcome = ?, closed_lead_org_id = lead_org_id,
				  reviewed_at = case when review_town_id is not null then coalesce(reviewed_at, ?) end
				where case_id = ?""")
			.params(ts(e.at()), e.outcome().name(), ts(e.at()), e.caseId())
			.update();
	}

	@EventListener
	void on(DeadlineMissed e) {
		changing();
		if (e.step() == Step.EVALUATE) {
			return; // the requester's window, not a unit's lateness
		}
		jdbc.sql("""
				insert into asm_deadline_miss(case_id, task_id, org_id, step, due_at, at) values (?, ?, ?, ?, ?, ?)
				on conflict do nothing""")
			.params(e.caseId(), e.taskId(), e.orgId(), e.step().name(), ts(e.dueAt()), ts(e.at()))
			.update();
	}

	@EventListener
	void on(SupervisionIssued e) {
		changing();
		jdbc.sql("""
				insert into asm_supervision_fact(supervision_id, case_id, task_id, org_id, automatic, at)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(e.supervisionId(), e.caseId(), e.taskId(), e.orgId(), e.automatic(), ts(e.at()))
			.update();
	}
}
