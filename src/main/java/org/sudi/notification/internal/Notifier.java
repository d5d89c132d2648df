package org.sudi.notification.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseAwaitingEvaluation;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseInstructed;
import org.sudi.clock.DeadlineMissed;
import org.sudi.clock.DeadlineWarned;
import org.sudi.clock.SupervisionIssued;
import org.sudi.directory.AccountDirectory;
import org.sudi.directory.Role;
import org.sudi.insight.WatchAlert;

/**
 * Who is told what: handlers of new tasks, supervisions, warnings and overdue steps (the command
 * centre of every overdue, the leaders of urgent and enforcement ones); requesters of dispatch,
 * completion and closure. Runs inside the transaction of the change it reports; each notification has
 * a key made of what it reports, so a repeat of the same event never reaches a person twice.
 */
@Component
class Notifier {

	private final Inbox inbox;
	private final AccountDirectory accounts;

	Notifier(Inbox inbox, AccountDirectory accounts) {
		this.inbox = inbox;
		this.accounts = accounts;
	}

	@EventListener
	void on(CaseDispatched e) {
		String trackingNo = e.trackingNo();
		for (CaseDispatched.DispatchedTask t : e.tasks()) {
			tell(accounts.usernamesOf(t.orgId()), "TASK", "新任务 New task " + trackingNo,
					"诉求 " + trackingNo + " 已派给你单位（" + (t.role().name().equals("LEAD") ? "主办" : "协办")
							+ "），请及时签收。",
					e.caseId(), "task:" + t.taskId(), e.at());
		}
		requester(e.requesterUsername()).ifPresent(r -> tell(Set.of(r), "PROGRESS", "已派单 Dispatched " + trackingNo,
				"你的诉求 " + trackingNo + " 已交办理单位处理。", e.caseId(), "dispatched:" + e.caseId() + ":" + e.round()
						+ ":" + e.tasks().get(0).taskId(), e.at()));
	}

	@EventListener
	void on(CaseAwaitingEvaluation e) {
		String trackingNo = e.trackingNo();
		requester(e.requesterUsername()).ifPresent(r -> tell(Set.of(r), "PROGRESS", "已办结 Completed " + trackingNo,
				"你的诉求 " + trackingNo + " 已办结，请评价办理结果。", e.caseId(), "completed:" + e.caseId() + ":" + e.round(), e.at()));
	}

	@EventListener
	void on(CaseClosed e) {
		String trackingNo = e.trackingNo();
		requester(e.requesterUsername()).ifPresent(r -> tell(Set.of(r), "PROGRESS", "已关闭 Closed " + trackingNo,
				"你的诉求 " + trackingNo + " 已关闭（" + e.outcome() + "）。", e.caseId(), "closed:" + e.caseId(), e.at()));
	}

	@EventListener
	void on(DeadlineWarned e) {
		if (e.orgId() == null) {
			return;
		}
		tell(accounts.usernamesOf(e.orgId()), "WARNING", "即将超期 Due soon " + e.trackingNo(),
				"诉求 " + e.trackingNo() + " 的" + e.step().label() + "时限将至，请抓紧办理。", e.caseId(),
				"warned:" + e.caseId() + ":" + e.taskId() + ":" + e.step() + ":" + e.dueAt(), e.at());
	}

	@EventListener
	void on(DeadlineMissed e) {
		Set<String> to = new LinkedHashSet<>();
		if (e.orgId() != null) {
			to.addAll(accounts.usernamesOf(e.orgId()));
		}
		to.addAll(accounts.usernamesWithRole(Role.DISPATCHER));
		if (e.leadersConcerned()) {
			to.addAll(accounts.usernamesWithRole(Role.LEADER));
		}
		tell(to, "OVERDUE", "已超期 Overdue " + e.trackingNo(),
				"诉求 " + e.trackingNo() + " 的" + e.step().label() + "已超过时限。", e.caseId(),
				"missed:" + e.caseId() + ":" + e.taskId() + ":" + e.step() + ":" + e.dueAt(), e.at());
	}

	@EventListener
	void on(SupervisionIssued e) {
		if (e.orgId() == null) {
			return;
		}
		tell(accounts.usernamesOf(e.orgId()), "SUPERVISION", "督办 Supervision " + e.trackingNo(), e.note(), e.caseId(),
				"supervision:" + e.supervisionId() + ":" + e.orgId(), e.at());
	}

	/** 领导批示: every unit holding the case hears of the instruction. */
	@EventListener
	void on(CaseInstructed e) {
		Set<String> to = new LinkedHashSet<>();
		for (Long orgId : e.orgIds()) {
			to.addAll(accounts.usernamesOf(orgId));
		}
		tell(to, "INSTRUCTION", "领导批示 Instruction " + e.trackingNo(),
				e.byName() + " 批示：" + e.text() + (e.urgencyRaised() ? "（已提升为紧急）" : ""), e.caseId(),
				"instructed:" + e.caseId() + ":" + e.at(), e.at());
	}

	/** Leaders hear of key events on the cases, categories, towns and departments they watch. */
	@EventListener
	void on(WatchAlert e) {
		tell(e.usernames(), "WATCH", e.title(), e.body(), e.caseId(), e.key(), e.at());
	}

	private void tell(Iterable<String> usernames, String kind, String title, String body, UUID caseId, String key,
			Instant at) {
		for (String username : usernames) {
			inbox.add(username, kind, title, body, caseId, key, at);
		}
	}

	/** The requester's own account, if the case has one (staff filing on someone's behalf leave none). */
	private static Optional<String> requester(String username) {
		return Optional.ofNullable(username);
	}

}
