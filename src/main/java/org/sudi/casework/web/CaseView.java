package org.sudi.casework.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.ClockState;
import org.sudi.casework.Channel;
import org.sudi.casework.Outcome;
import org.sudi.casework.Rating;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Due;
import org.sudi.casework.domain.Evaluation;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.RequesterAccess;
import org.sudi.casework.domain.Task;
import org.sudi.casework.domain.Verification;
import org.sudi.directory.Actor;

/** A case as the API shows it to one actor: the requester as {@link Case#requesterAccessOf} lets them see it. */
record CaseView(UUID id, String trackingNo, CaseType type, CaseStatus status, Outcome outcome, int round,
		boolean greenChannel, String title, String description, String categoryCode, Urgency urgency, Channel channel,
		Long townId, Location location, Long villageId, String gridCode, List<String> specialGridCodes,
		RequesterView requester, boolean anonymous, List<UUID> attachmentIds, Instant createdAt, Instant updatedAt,
		long version, int consecutiveFailures, Verification verification, UUID mergedInto, ClockState clockState,
		CaseDeadlines deadlines, List<TaskView> tasks,
		List<EvaluationView> evaluations) {

	/** The case-level deadlines: the town's review and the evaluation window. */
	record CaseDeadlines(Due townReview, Due evaluation) {
	}

	/** A task's deadlines: sign and complete from dispatch, arrive (report on site) from signing. */
	record TaskDeadlines(Due sign, Due arrive, Due complete) {
	}

	/**
	 * The requester as the viewer sees them: {@code masked} when name and phone are masked,
	 * {@code revealable} when the viewer may ask for them in full ({@code POST .../requester/reveal}, audited).
	 */
	record RequesterView(String name, String phone, boolean masked, boolean revealable) {
	}

	record PendingRequestView(Kind kind, String reason, Integer days) {
	}

	record TaskView(UUID id, long orgId, TaskRole role, int round, TaskStatus status, Long dutyId, Instant dispatchedAt,
			Instant signedAt, Instant arrivedAt, Instant completedAt, String result, List<UUID> attachmentIds,
			int extensionDays, PendingRequestView pendingRequest, ClockState clockState, TaskDeadlines deadlines) {

		static TaskView of(Task t, Instant now) {
			return new TaskView(t.id(), t.orgId(), t.role(), t.round(), t.status(), t.dutyId(), t.dispatchedAt(),
					t.signedAt(), t.arrivedAt(), t.completedAt(), t.result(), t.attachmentIds(), t.extensionDays(),
					t.pendingRequest() == null ? null
							: new PendingRequestView(t.pendingRequest().kind(), t.pendingRequest().reason(),
									t.pendingRequest().days()),
					t.clockState(now), new TaskDeadlines(t.signDue(), t.arriveDue(), t.completeDue()));
		}
	}

	record EvaluationView(int round, Rating rating, String comment, String byUsername, Instant at) {
		static EvaluationView of(Evaluation e) {
			return new EvaluationView(e.round(), e.rating(), e.comment(), e.byUsername(), e.at());
		}
	}

	static CaseView of(Case c, Actor viewer, Instant now) {
		var requester = c.requesterAsSeenBy(viewer);
		var access = c.requesterAccessOf(viewer);
		boolean given = c.requester().name() != null || c.requester().phone() != null;
		return new CaseView(c.id(), c.trackingNo(), c.type(), c.status(), c.outcome(), c.round(), c.greenChannel(),
				c.title(), c.description(), c.categoryCode(), c.urgency(), c.channel(), c.townId(), c.location(),
				c.villageId(), c.gridCode(), c.specialGridCodes(),
				new RequesterView(requester.name(), requester.phone(),
						given && (access == RequesterAccess.REVEALABLE || access == RequesterAccess.MASKED),
						given && access == RequesterAccess.REVEALABLE), c.anonymous(), c.attachmentIds(), c.createdAt(),
				c.updatedAt(), c.version(), c.consecutiveFailures(), c.verification(), c.mergedInto(), c.clockState(now),
				new CaseDeadlines(c.reviewDue(), c.evaluationDue()),
				c.tasks().stream().map(t -> TaskView.of(t, now)).toList(),
				c.evaluations().stream().map(EvaluationView::of).toList());
	}
}
