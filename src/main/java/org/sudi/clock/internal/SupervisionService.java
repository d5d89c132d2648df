package org.sudi.clock.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CasePort;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.clock.SupervisionIssued;
import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/** Supervisions issued by hand (督办) by the command centre and leaders, and reading them. */
@Service
public class SupervisionService {

	private final Supervisions supervisions;
	private final ClockDeadlines deadlines;
	private final CasePort cases;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	SupervisionService(Supervisions supervisions, ClockDeadlines deadlines, CasePort cases,
			ApplicationEventPublisher events, Clock clock) {
		this.supervisions = supervisions;
		this.deadlines = deadlines;
		this.cases = cases;
		this.events = events;
		this.clock = clock;
	}

	@Transactional
	public Supervisions.Supervision supervise(Actor actor, UUID caseId, UUID taskId, String note, Instant deadline) {
		CaseSummary c = cases.find(actor, caseId).orElseThrow(() -> new NotFoundException("Case", caseId));
		if (!actor.hasAny(Role.DISPATCHER, Role.LEADER)) {
			throw new ForbiddenException("Only the command centre and leaders issue supervisions");
		}
		if (c.status() == CaseStatus.CLOSED) {
			throw new IllegalTransitionException("A closed case cannot be supervised", c.status());
		}
		if (note == null || note.isBlank()) {
			throw new InvalidInputException("note", "must not be blank");
		}
		Instant now = clock.instant();
		if (deadline != null && !deadline.isAfter(now)) {
			throw new InvalidInputException("deadline", "must be in the future");
		}
		Long orgId = null;
		if (taskId != null) {
			orgId = c.openTasks().stream().filter(t -> t.taskId().equals(taskId)).findFirst()
				.map(CaseSummary.OpenTask::orgId)
				.orElseThrow(() -> new InvalidInputException("taskId", "is not an open task of this case"));
		}
		long id = supervisions.insert(caseId, c.trackingNo(), taskId, orgId, note.strip(), deadline, false,
				actor.username(), now);
		cases.note(caseId, orgId, "SUPERVISE", "督办 supervision by " + actor.displayName() + ": " + note.strip(), now);
		events.publishEvent(new SupervisionIssued(id, caseId, c.trackingNo(), taskId, orgId, note.strip(), deadline,
				false, actor.username(), now));
		if (taskId == null) {
			// A case-level push concerns every unit still working on it.
			for (CaseSummary.OpenTask t : c.openTasks()) {
				events.publishEvent(new SupervisionIssued(id, caseId, c.trackingNo(), t.taskId(), t.orgId(),
						note.strip(), deadline, false, actor.username(), now));
			}
		}
		return supervisions.list(null, null, caseId, 1000).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
	}

	/** A line of the overdue and warning board. */
	public record LateStep(java.util.UUID caseId, String trackingNo, Long orgId, String step, String state,
			Instant warnAt, Instant dueAt) {
	}

	/** The steps past their warning mark or deadline, for the command centre and leaders. */
	@Transactional(readOnly = true)
	public List<LateStep> board(Actor actor) {
		if (!actor.hasAny(Role.DISPATCHER, Role.LEADER, Role.ADMIN, Role.DISCIPLINE)) {
			throw new ForbiddenException("The overdue board is for the command centre and leaders");
		}
		return deadlines.late(500).stream()
			.map(r -> new LateStep(r.caseId(), r.trackingNo(), r.orgId(), r.step().label(), r.state().name(), r.warnAt(),
					r.dueAt()))
			.toList();
	}

	/** District-wide roles see every supervision; a unit sees those addressed to it. */
	@Transactional(readOnly = true)
	public List<Supervisions.Supervision> list(Actor actor, Boolean open, UUID caseId) {
		if (actor.hasAny(Role.DISPATCHER, Role.LEADER, Role.DISCIPLINE, Role.ADMIN, Role.HOTLINE)) {
			return supervisions.list(open, null, caseId, 500);
		}
		if (actor.orgId() != null && actor.hasAny(Role.DEPARTMENT_STAFF, Role.TOWN_OPERATOR, Role.VILLAGE_OPERATOR)) {
			return supervisions.list(open, actor.orgId(), caseId, 500);
		}
		throw new ForbiddenException("Supervisions are for the command centre, leaders and handling units");
	}
}
