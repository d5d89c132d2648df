package org.sudi.triage.internal;

import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.Outcome;
import org.sudi.casework.TaskRole;

/**
 * Learns from the platform's own cases: remembers each new case (text, place) for duplicates and hot
 * spots, its lead unit at dispatch, and on resolution adds it to the history the models learn from.
 */
@Component
class TriageListener {

	private final TriageCases cases;
	private final TriageHistory history;

	TriageListener(TriageCases cases, TriageHistory history) {
		this.cases = cases;
		this.history = history;
	}

	@EventListener
	void on(CaseSubmitted e) {
		cases.add(new TriageCases.Known(e.caseId(), e.trackingNo(), e.title(), e.description(), e.categoryCode(),
				e.townId(), null, e.lat(), e.lon(), e.at(), true));
	}

	@EventListener
	void on(CaseDispatched e) {
		e.tasks().stream().filter(t -> t.role() == TaskRole.LEAD).findFirst()
			.ifPresent(lead -> cases.lead(e.caseId(), lead.orgId()));
	}

	@EventListener
	void on(CaseClosed e) {
		cases.close(e.caseId());
		if (e.outcome() != Outcome.RESOLVED) {
			return;
		}
		cases.find(e.caseId()).filter(k -> k.categoryCode() != null || k.leadOrgId() != null).ifPresent(k -> history.add(
				List.of(new TriageHistory.Entry(k.title(), k.description(), k.categoryCode(), k.leadOrgId(),
						k.createdAt().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate())),
				"CASE", e.at()));
	}

}
