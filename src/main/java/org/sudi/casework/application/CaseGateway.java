package org.sudi.casework.application;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.CaseHistoryEntry;
import org.sudi.casework.CaseIntake;
import org.sudi.casework.CaseQueries;
import org.sudi.casework.CaseQuery;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Channel;
import org.sudi.casework.NewCase;
import org.sudi.casework.Rating;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.Evaluation;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.Submission;
import org.sudi.casework.domain.Task;
import org.sudi.directory.Actor;

/** casework's API for other modules: the use cases of {@link CaseService}, and reads as {@link CaseSummary}. */
@Service
class CaseGateway implements CaseIntake, CaseQueries {

	private final CaseService service;
	private final Cases cases;

	CaseGateway(CaseService service, Cases cases) {
		this.service = service;
		this.cases = cases;
	}

	@Override
	public CaseSummary submit(Actor actor, NewCase n) {
		Location location = n.lat() == null && n.lon() == null && (n.address() == null || n.address().isBlank()) ? null
				: new Location(n.lat(), n.lon(), n.address() == null || n.address().isBlank() ? null : n.address().strip());
		Requester requester = n.requesterName() == null && n.requesterPhone() == null ? null
				: new Requester(n.requesterName(), n.requesterPhone(), null);
		return summary(service.submit(actor, new Submission(n.type(), n.title(), n.description(), n.categoryCode(),
				n.urgency(), n.channel(), n.townId(), location, requester, n.anonymous(), n.attachmentIds())));
	}

	@Override
	public CaseSummary withdraw(Actor actor, UUID caseId, String reason) {
		return summary(service.withdraw(actor, caseId, reason));
	}

	@Override
	public CaseSummary addInformation(Actor actor, UUID caseId, String note) {
		return summary(service.addInformation(actor, caseId, note));
	}

	@Override
	public CaseSummary evaluate(Actor actor, UUID caseId, Rating rating, String comment) {
		return summary(service.evaluate(actor, caseId, rating, comment));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CaseSummary> find(UUID id) {
		return cases.find(id).map(CaseGateway::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CaseSummary> findByTrackingNo(String trackingNo) {
		return cases.findByTrackingNo(trackingNo).map(CaseGateway::summary);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CaseSummary> find(CaseQuery query) {
		return cases.query(query).stream().map(CaseGateway::summary).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public long count(CaseQuery query) {
		return cases.count(query);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CaseHistoryEntry> history(UUID caseId) {
		return cases.history(caseId);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CaseHistoryEntry> historyOf(Set<Channel> channels, Instant from, Instant to, int limit) {
		return channels.isEmpty() ? List.of() : cases.historyOf(channels, from, to, limit);
	}

	static CaseSummary summary(Case c) {
		Location l = c.location() == null ? new Location(null, null, null) : c.location();
		String result = c.tasks().stream().filter(t -> t.completedAt() != null)
			.max(Comparator.comparing(Task::completedAt)).map(Task::result).orElse(null);
		List<Evaluation> evaluations = c.evaluations();
		Rating last = evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1).rating();
		return new CaseSummary(c.id(), c.trackingNo(), c.type(), c.status(), c.outcome(), c.round(), c.greenChannel(),
				c.title(), c.description(), c.categoryCode(), c.channel(), c.townId(), l.lat(), l.lon(), l.address(),
				c.anonymous(), c.attachmentIds(), c.requester().username(), c.requester().phone(), c.createdBy(),
				c.leadOrgId(), result, last, c.createdAt(), c.updatedAt(), c.urgency(),
				c.currentRound().stream().filter(Task::isOpen)
					.map(t -> new CaseSummary.OpenTask(t.id(), t.orgId(), t.role(), t.status()))
					.toList());
	}
}
