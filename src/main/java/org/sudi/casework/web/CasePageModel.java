package org.sudi.casework.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Outcome;
import org.sudi.casework.TaskDeadlines;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.CaseAction;
import org.sudi.casework.domain.Evaluation;
import org.sudi.casework.domain.PendingRequest;
import org.sudi.casework.domain.Requester;
import org.sudi.casework.domain.RequesterAccess;
import org.sudi.casework.domain.Task;
import org.sudi.casework.domain.TaskAction;
import org.sudi.casework.domain.TimelineEntry;
import org.sudi.casework.domain.Verification;
import org.sudi.directory.Actor;

/**
 * A case as the case page shows it to one viewer: the requester as {@link Case#requesterAccessOf} lets
 * them see it (masked until an entitled viewer reveals it), and the actions the viewer may take now (from {@link Case#allowedActions}).
 */
public record CasePageModel(UUID id, String trackingNo, String title, String description, CaseType type,
		CaseStatus status, Outcome outcome, int round, Urgency urgency, Channel channel, String categoryCode,
		Long townId, Double lat, Double lon, String address, String requesterName, String requesterPhone,
		boolean requesterRevealable, Instant createdAt, Verification verification, UUID mergedInto, Set<CaseAction> actions, List<TaskModel> tasks,
		List<Evaluation> evaluations, List<TimelineEntry> timeline, boolean hasDeadlines) {

	public record TaskModel(UUID id, long orgId, TaskRole role, int round, TaskStatus status, Long dutyId,
			Instant dispatchedAt, Instant signedAt, Instant arrivedAt, Instant completedAt, String result,
			List<Attachments.Info> attachments, PendingRequest pending, int extensionDays,
			TaskDeadlines.Deadline deadline, Set<TaskAction> actions) {

		public boolean may(String action) {
			return actions.contains(TaskAction.valueOf(action));
		}
	}

	public boolean may(String action) {
		return actions.contains(CaseAction.valueOf(action));
	}

	public boolean hasPoint() {
		return lat != null && lon != null;
	}

	/** Any task action the viewer may take (the "my task" box is shown then). */
	public boolean anyTaskAction() {
		return tasks.stream().anyMatch(t -> !t.actions().isEmpty());
	}

	static CasePageModel of(Case c, Actor viewer, List<TimelineEntry> timeline, Map<UUID, Attachments.Info> files,
			Map<UUID, TaskDeadlines.Deadline> deadlines) {
		return of(c, viewer, timeline, files, deadlines, null);
	}

	/** @param revealed the requester in full when the viewer asked to see them (audited), else null: as the rule shows them */
	static CasePageModel of(Case c, Actor viewer, List<TimelineEntry> timeline, Map<UUID, Attachments.Info> files,
			Map<UUID, TaskDeadlines.Deadline> deadlines, Requester revealed) {
		Requester shown = revealed != null ? revealed : c.requesterAsSeenBy(viewer);
		RequesterAccess access = c.requesterAccessOf(viewer);
		boolean revealable = revealed == null && access == RequesterAccess.REVEALABLE
				&& (c.requester().name() != null || c.requester().phone() != null);
		List<TaskModel> tasks = c.tasks().stream()
			.sorted((a, b) -> a.round() != b.round() ? b.round() - a.round() : a.seq() - b.seq())
			.map(t -> task(c, t, viewer, files, deadlines))
			.toList();
		var l = c.location();
		return new CasePageModel(c.id(), c.trackingNo(), c.title(), c.description(), c.type(), c.status(), c.outcome(),
				c.round(), c.urgency(), c.channel(), c.categoryCode(), c.townId(), l == null ? null : l.lat(),
				l == null ? null : l.lon(), l == null ? null : l.address(), shown.name(), shown.phone(), revealable, c.createdAt(),
				c.verification(), c.mergedInto(), c.allowedActions(viewer), tasks, c.evaluations(), timeline,
				!deadlines.isEmpty());
	}

	private static TaskModel task(Case c, Task t, Actor viewer, Map<UUID, Attachments.Info> files,
			Map<UUID, TaskDeadlines.Deadline> deadlines) {
		List<Attachments.Info> attachments = t.attachmentIds().stream().map(files::get)
			.filter(java.util.Objects::nonNull).toList();
		return new TaskModel(t.id(), t.orgId(), t.role(), t.round(), t.status(), t.dutyId(), t.dispatchedAt(),
				t.signedAt(), t.arrivedAt(), t.completedAt(), t.result(), attachments, t.pendingRequest(),
				t.extensionDays(), deadlines.get(t.id()), c.allowedTaskActions(viewer, t.id()));
	}
}
