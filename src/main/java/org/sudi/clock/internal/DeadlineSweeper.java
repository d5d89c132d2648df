package org.sudi.clock.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.casework.CasePort;
import org.sudi.catalog.Step;
import org.sudi.clock.DeadlineMissed;
import org.sudi.clock.DeadlineWarned;
import org.sudi.clock.SupervisionIssued;
import org.sudi.clock.TaskLongOverdue;
import org.sudi.clock.internal.ClockDeadlines.Row;
import org.sudi.clock.internal.ClockDeadlines.State;

/**
 * Fires what is due: each row is claimed under a row lock (skip locked) and moved on in its own
 * transaction together with everything it causes (supervision, notifications, accountability), so a
 * deadline fires exactly once, whichever node or how many sweepers run.
 */
@Component
public class DeadlineSweeper {

	private static final Logger log = LoggerFactory.getLogger(DeadlineSweeper.class);

	/** At most this many firings per sweep; the rest wait for the next one. */
	static final int BATCH = 500;

	private final ClockDeadlines deadlines;
	private final Supervisions supervisions;
	private final CasePort cases;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final TransactionTemplate tx;

	DeadlineSweeper(ClockDeadlines deadlines, Supervisions supervisions, CasePort cases,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions) {
		this.deadlines = deadlines;
		this.supervisions = supervisions;
		this.cases = cases;
		this.events = events;
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
	}

	/** Fires everything due now; returns how many things fired. */
	public int sweep() {
		int fired = 0;
		while (fired < BATCH && Boolean.TRUE.equals(tx.execute(s -> fireNextDeadline()))) {
			fired++;
		}
		while (fired < BATCH && Boolean.TRUE.equals(tx.execute(s -> fireNextMissedSupervision()))) {
			fired++;
		}
		if (fired > 0) {
			log.debug("Clock fired {} deadline event(s)", fired);
		}
		return fired;
	}

	private boolean fireNextDeadline() {
		Instant now = clock.instant();
		Optional<Row> next = deadlines.claimNextDue(now);
		if (next.isEmpty()) {
			return false;
		}
		Row row = next.get();
		switch (row.state()) {
			case PENDING -> warn(row, now);
			case WARNED -> overdue(row, now);
			case OVERDUE -> longOverdue(row, now);
			default -> deadlines.moveTo(row.id(), row.state(), null, now);
		}
		return true;
	}

	private void warn(Row row, Instant now) {
		deadlines.moveTo(row.id(), State.WARNED, row.dueAt(), now);
		if (row.step() == Step.EVALUATE) {
			return; // the requester is not warned; the window just ends
		}
		cases.note(row.caseId(), row.orgId(), "WARNING", row.step().label() + "即将到期 due soon", now);
		events.publishEvent(new DeadlineWarned(row.caseId(), row.trackingNo(), row.taskId(), row.orgId(), row.step(),
				row.dueAt(), now));
	}

	private void overdue(Row row, Instant now) {
		if (row.step() == Step.EVALUATE) {
			deadlines.moveTo(row.id(), State.DONE, null, now);
			cases.expireEvaluation(row.caseId(), row.dueAt());
			return;
		}
		deadlines.moveTo(row.id(), State.OVERDUE, row.step() == Step.COMPLETE ? row.longDueAt() : null, now);
		cases.note(row.caseId(), row.orgId(), "OVERDUE", row.step().label() + "已超期 overdue", now);
		String note = "超期自动督办 automatic supervision: " + row.step().label() + "已超期";
		long id = supervisions.insert(row.caseId(), row.trackingNo(), row.taskId(), row.orgId(), note, null, true,
				"system", now);
		events.publishEvent(new DeadlineMissed(row.caseId(), row.trackingNo(), row.taskId(), row.orgId(), row.step(),
				row.dueAt(), row.leadersConcerned(), now));
		events.publishEvent(new SupervisionIssued(id, row.caseId(), row.trackingNo(), row.taskId(), row.orgId(), note,
				null, true, "system", now));
	}

	private void longOverdue(Row row, Instant now) {
		deadlines.moveTo(row.id(), State.LONG_OVERDUE, null, now);
		if (row.taskId() == null || row.orgId() == null) {
			return;
		}
		cases.note(row.caseId(), row.orgId(), "LONG_OVERDUE", "任务严重超期 long overdue", now);
		events.publishEvent(new TaskLongOverdue(row.caseId(), row.trackingNo(), row.taskId(), row.orgId(), row.round(),
				row.dueAt(),
				now));
	}

	private boolean fireNextMissedSupervision() {
		Instant now = clock.instant();
		var missed = supervisions.claimMissed(now);
		if (missed.isEmpty()) {
			return false;
		}
		var s = missed.get();
		supervisions.markMissed(s.id(), now);
		cases.note(s.caseId(), s.orgId(), "SUPERVISION_MISSED", "督办时限已过 supervision deadline passed", now);
		events.publishEvent(new DeadlineMissed(s.caseId(), s.trackingNo(), s.taskId(), s.orgId(), Step.COMPLETE,
				s.deadline(), true, now));
		return true;
	}

}
