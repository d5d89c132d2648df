package org.sudi.clock.internal;

import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.DeadlineCleared;
import org.sudi.casework.DeadlineSet;
import org.sudi.casework.TaskCompleted;
import org.sudi.casework.TaskRequestDecided;
import org.sudi.catalog.Step;
import org.sudi.catalog.TimeLimit;
import org.sudi.catalog.TimeLimits;

/**
 * Keeps the clock's deadlines in step with the cases, inside the transaction that changed the case:
 * a deadline is never set or cleared without the change that caused it, and vice versa.
 */
@Component
class DeadlineTracker {

	private final ClockDeadlines deadlines;
	private final Supervisions supervisions;
	private final TimeLimits limits;
	private final TimeLimit longOverdue;

	DeadlineTracker(ClockDeadlines deadlines, Supervisions supervisions, TimeLimits limits,
			@Value("${sudi.clock.long-overdue:5wd}") String longOverdue) {
		this.deadlines = deadlines;
		this.supervisions = supervisions;
		this.limits = limits;
		this.longOverdue = TimeLimit.parse(longOverdue);
	}

	@EventListener
	void on(DeadlineSet e) {
		Instant longDue = e.step() == Step.COMPLETE ? limits.calendar().deadline(e.dueAt(), longOverdue) : null;
		deadlines.set(e.caseId(), e.trackingNo(), e.taskId(), e.orgId(), e.round(), e.step(), e.caseType().name(),
				e.urgency().name(), e.warnAt(), e.dueAt(), longDue, e.at());
	}

	@EventListener
	void on(DeadlineCleared e) {
		deadlines.clear(e.caseId(), e.taskId(), e.step(), e.at());
	}

	@EventListener
	void on(TaskCompleted e) {
		supervisions.close(e.caseId(), e.taskId(), "任务已办结 task completed", e.at());
	}

	@EventListener
	void on(TaskRequestDecided e) {
		if (e.kind() == TaskRequestDecided.Kind.RETURN && e.approved()) {
			supervisions.close(e.caseId(), e.taskId(), "任务已退回 task returned", e.at());
		}
	}

	@EventListener
	void on(CaseClosed e) {
		supervisions.close(e.caseId(), null, "诉求已关闭 case closed: " + e.outcome(), e.at());
	}
}
