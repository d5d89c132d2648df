package org.sudi.casework.application;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CasePort;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Rating;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.DeadlineRules;
import org.sudi.casework.domain.TimelineEntry;
import org.sudi.directory.Actor;

/** Other modules' way into cases. */
@Component
class CasePortAdapter implements CasePort {

	/** The platform itself, as the actor of what the clock does. */
	static final Actor SYSTEM = new Actor("system", "系统", null, Set.of());

	private final Cases cases;
	private final DeadlineRules rules;
	private final ApplicationEventPublisher events;
	private final Rating assumedRating;

	CasePortAdapter(Cases cases, DeadlineRules rules, ApplicationEventPublisher events,
			@Value("${sudi.clock.unevaluated-rating:NOT_GIVEN}") Rating assumedRating) {
		this.cases = cases;
		this.rules = rules;
		this.events = events;
		this.assumedRating = assumedRating;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CaseSummary> find(Actor actor, UUID caseId) {
		return cases.find(caseId).filter(c -> c.isVisibleTo(actor)).map(CaseGateway::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CaseSummary> summary(UUID caseId) {
		return cases.find(caseId).map(CaseGateway::summary);
	}


	@Override
	@Transactional
	public void note(UUID caseId, Long orgId, String action, String note, Instant at) {
		cases.appendTimeline(caseId, new TimelineEntry(at, SYSTEM.username(), orgId, action, null, null, note));
	}

	@Override
	@Transactional
	public boolean expireEvaluation(UUID caseId, Instant dueAt) {
		Case c = cases.find(caseId).orElse(null);
		if (c == null || c.status() != CaseStatus.PENDING_EVALUATION || c.evaluationDue() == null
				|| java.time.Duration.between(c.evaluationDue().dueAt(), dueAt).abs().toMillis() > 1000) {
			return false;
		}
		c.withDeadlineRules(rules).expireEvaluation(SYSTEM, assumedRating, dueAt);
		var pending = c.pullEvents();
		cases.save(c);
		pending.forEach(events::publishEvent);
		return true;
	}
}
