package org.sudi.casework.domain;

import static org.sudi.directory.Role.ADMIN;
import static org.sudi.directory.Role.CITIZEN;
import static org.sudi.directory.Role.DEPARTMENT_STAFF;
import static org.sudi.directory.Role.DISCIPLINE;
import static org.sudi.directory.Role.DISPATCHER;
import static org.sudi.directory.Role.ENTERPRISE;
import static org.sudi.directory.Role.GRID_WORKER;
import static org.sudi.directory.Role.HOTLINE;
import static org.sudi.directory.Role.LEADER;
import static org.sudi.directory.Role.TOWN_OPERATOR;
import static org.sudi.directory.Role.VILLAGE_OPERATOR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.sudi.casework.CaseAwaitingEvaluation;
import org.sudi.casework.ClockState;
import org.sudi.casework.DeadlineCleared;
import org.sudi.casework.DeadlineSet;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseDispatched.DispatchedTask;
import org.sudi.casework.CaseInstructed;
import org.sudi.casework.CaseEscalated;
import org.sudi.casework.CaseEvaluated;
import org.sudi.casework.CaseInformationAdded;
import org.sudi.casework.CasePlace;
import org.sudi.casework.CaseReturnedToTriage;
import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSubmitted;
import org.sudi.casework.CaseType;
import org.sudi.casework.CaseVerified;
import org.sudi.casework.Channel;
import org.sudi.casework.Outcome;
import org.sudi.casework.Rating;
import org.sudi.casework.ReworkOrdered;
import org.sudi.casework.TaskArrived;
import org.sudi.casework.TaskCompleted;
import org.sudi.casework.TaskRequestDecided;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.casework.TaskRequestMade;
import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskSigned;
import org.sudi.casework.TaskStatus;
import org.sudi.casework.Urgency;
import org.sudi.catalog.DutyItem;
import org.sudi.catalog.Step;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgUnit;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * A request (诉求) and its way through the closed loop (DESIGN.md §3). Every transition is a method
 * that checks, in this order, that the actor may do it (else {@link ForbiddenException}), that the
 * case is in a state that allows it (else {@link IllegalTransitionException}) and that the input
 * makes sense (else {@link InvalidInputException}); then it changes the state, appends a timeline
 * entry and registers a past-tense event. Nothing is ever silently ignored.
 */
public class Case {

	/** Longest extension one request may ask for, in days. */
	public static final int MAX_EXTENSION_DAYS = 30;

	private final UUID id;
	private final String trackingNo;
	private final CaseType type;
	private final boolean greenChannel;
	private final String title;
	private final String description;
	private final String categoryCode;
	private Urgency urgency;
	private final Channel channel;
	private final Long townId;
	private final Location location;
	private final Long villageId;
	private final String gridCode;
	private final List<String> specialGridCodes;
	private final Requester requester;
	private final String createdBy;
	private final Long creatorOrgId;
	private final Long initiatingOrgId;
	private final Instant createdAt;
	private final boolean anonymous;
	private final List<UUID> attachmentIds;
	private CaseStatus status;
	private Outcome outcome;
	private int round;
	private UUID mergedInto;
	private int consecutiveFailures;
	private Verification verification;
	private Instant updatedAt;
	private long version;
	private Due reviewDue;
	private Due evaluationDue;
	private final List<Task> tasks;
	private final List<Evaluation> evaluations;

	private final List<TimelineEntry> newTimelineEntries = new ArrayList<>();
	private final List<Evaluation> newEvaluations = new ArrayList<>();
	private final List<Object> events = new ArrayList<>();
	private boolean isNew;
	private DeadlineRules rules = DeadlineRules.NONE;
	/** Status and round as last stored: when either changes, every task's work-list state is written again. */
	private CaseStatus savedStatus;
	private int savedRound;

	Case(UUID id, String trackingNo, CaseType type, boolean greenChannel, String title, String description,
			String categoryCode, Urgency urgency, Channel channel, Long townId, Location location, Long villageId,
			String gridCode, List<String> specialGridCodes, Requester requester, String createdBy, Long creatorOrgId,
			Long initiatingOrgId, Instant createdAt, boolean anonymous, List<UUID> attachmentIds, CaseStatus status,
			Outcome outcome, int round, UUID mergedInto, int consecutiveFailures, Verification verification,
			Instant updatedAt, long version, Due reviewDue, Due evaluationDue, List<Task> tasks,
			List<Evaluation> evaluations) {
		this.id = id;
		this.trackingNo = trackingNo;
		this.type = type;
		this.greenChannel = greenChannel;
		this.title = title;
		this.description = description;
		this.categoryCode = categoryCode;
		this.urgency = urgency;
		this.channel = channel;
		this.townId = townId;
		this.location = location;
		this.villageId = villageId;
		this.gridCode = gridCode;
		this.specialGridCodes = specialGridCodes == null ? List.of() : List.copyOf(specialGridCodes);
		this.requester = requester;
		this.createdBy = createdBy;
		this.creatorOrgId = creatorOrgId;
		this.initiatingOrgId = initiatingOrgId;
		this.createdAt = createdAt;
		this.anonymous = anonymous;
		this.attachmentIds = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
		this.status = status;
		this.outcome = outcome;
		this.round = round;
		this.mergedInto = mergedInto;
		this.consecutiveFailures = consecutiveFailures;
		this.verification = verification;
		this.updatedAt = updatedAt;
		this.version = version;
		this.reviewDue = reviewDue;
		this.evaluationDue = evaluationDue;
		this.tasks = new ArrayList<>(tasks);
		this.evaluations = new ArrayList<>(evaluations);
		this.savedStatus = status;
		this.savedRound = round;
	}

	// ------------------------------------------------------------------ submit

	/** 诉求上报 of a case without a known place (no point, or no geography to place it in). */
	public static Case submit(UUID id, String trackingNo, Submission s, Actor actor, Instant now) {
		return submit(id, trackingNo, s, CasePlace.unknown(), actor, now);
	}

	/**
	 * 诉求上报. LIVELIHOOD goes to the review of its town; ENFORCEMENT (a town's or department's
	 * whistle) and DEVELOPMENT (an enterprise's request, green channel) go straight to district triage.
	 * A case placed in the district's grids keeps its village, basic grid and special grids, and takes
	 * the town it lies in when none is given; a LIVELIHOOD case whose point lies outside the district
	 * and names no town goes to district triage, with a timeline note saying so.
	 */
	public static Case submit(UUID id, String trackingNo, Submission s, CasePlace place, Actor actor, Instant now) {
		return submit(id, trackingNo, s, place, actor, now, DeadlineRules.NONE);
	}

	/** Submits a case whose steps are timed by {@code rules}. */
	public static Case submit(UUID id, String trackingNo, Submission s, CasePlace place, Actor actor, Instant now,
			DeadlineRules rules) {
		Objects.requireNonNull(place, "place");
		Objects.requireNonNull(s.type(), "type");
		boolean allowed = switch (s.type()) {
			case LIVELIHOOD -> actor.hasAny(CITIZEN, HOTLINE, GRID_WORKER, TOWN_OPERATOR, VILLAGE_OPERATOR, DISPATCHER);
			case ENFORCEMENT -> actor.hasAny(TOWN_OPERATOR, DEPARTMENT_STAFF, DISPATCHER);
			case DEVELOPMENT -> actor.hasAny(ENTERPRISE, HOTLINE, DISPATCHER);
		};
		if (!allowed) {
			throw new ForbiddenException("Your role may not file a " + s.type() + " case");
		}
		requireText("title", s.title());
		requireText("description", s.description());
		Long townId = s.townId() == null && place.isPlaced() ? place.townId() : s.townId();
		boolean outsideUnrouted = s.type() == CaseType.LIVELIHOOD && townId == null && place.isOutside();
		if (s.type() == CaseType.LIVELIHOOD && townId == null && !outsideUnrouted) {
			throw new InvalidInputException("townId", "a LIVELIHOOD case needs the town whose review it goes to");
		}
		boolean ownRequest = actor.hasAny(CITIZEN, ENTERPRISE);
		Requester requester = s.requester() == null ? new Requester(null, null, null) : s.requester();
		if (ownRequest) {
			requester = new Requester(requester.name() != null ? requester.name() : actor.displayName(),
					requester.phone(), actor.username());
		}
		else {
			requester = new Requester(requester.name(), requester.phone(), null);
		}
		if (s.attachmentIds().size() > Submission.MAX_PHOTOS) {
			throw new InvalidInputException("attachmentIds", "at most " + Submission.MAX_PHOTOS + " photos");
		}
		Long initiating = s.type() == CaseType.ENFORCEMENT ? actor.orgId() : null;
		CaseStatus status = s.type() == CaseType.LIVELIHOOD && !outsideUnrouted ? CaseStatus.TOWN_REVIEW
				: CaseStatus.DISTRICT_TRIAGE;
		Case c = new Case(id, trackingNo, s.type(), s.type() == CaseType.DEVELOPMENT, s.title().strip(),
				s.description().strip(), s.categoryCode(), s.urgency() == null ? Urgency.NORMAL : s.urgency(),
				s.channel(), townId, s.location(), place.villageId(), place.gridCode(), place.specialGridCodes(),
				requester, actor.username(), actor.orgId(), initiating, now, s.anonymous(), s.attachmentIds(), status,
				null, 1, null, 0, null, now, 0, null, null, List.of(), List.of());
		c.isNew = true;
		c.rules = rules;
		c.events.add(new CaseSubmitted(id, trackingNo, s.type(), status, townId, c.channel, c.urgency, c.title,
				c.description, c.categoryCode, s.location() == null ? null : s.location().lat(),
				s.location() == null ? null : s.location().lon(), now, c.villageId, c.gridCode, c.specialGridCodes, initiating));
		String outsideNote = place.isOutside()
				? "位置不在本区网格内" + (outsideUnrouted ? "，转区级研判" : "") + " located outside the district's grids"
						+ (outsideUnrouted ? ": to district triage" : "")
				: null;
		String dueNote = null;
		if (status == CaseStatus.TOWN_REVIEW) {
			c.reviewDue = c.startStep(Step.TOWN_REVIEW, null, now);
			dueNote = c.dueNote("受理时限 review by", c.reviewDue);
		}
		c.record(actor, now, "SUBMIT", null, status,
				join(join(s.type() == CaseType.DEVELOPMENT ? "绿色通道 green channel" : null, outsideNote), dueNote));
		return c;
	}

	// ------------------------------------------------------------------ town review

	/** 镇街受理: the town takes the case itself or gives it to one of its villages. */
	public Task accept(Actor actor, OrgUnit assignee, String note, Instant now) {
		guardTownReview(actor, "accept");
		long assigneeId = assignee == null ? townId : assignee.id();
		if (assignee != null && assignee.id() != townId && !assignee.isVillageOf(townId)) {
			throw new InvalidInputException("assigneeOrgId", "must be the town itself or one of its villages");
		}
		endReview(now);
		Task task = Task.dispatch(tasks.size(), assigneeId, TaskRole.LEAD, round, null, now);
		tasks.add(task);
		moveTo(CaseStatus.IN_PROGRESS, actor, now, "ACCEPT", join(note, startTask(task, now)));
		events.add(new CaseDispatched(id, trackingNo, requester.username(), round,
				List.of(new DispatchedTask(task.id(), assigneeId, TaskRole.LEAD)), null, true, now));
		return task;
	}

	/** 上报区级: the town sends the case up because it is beyond its powers, saying why. */
	public void escalate(Actor actor, String reason, Instant now) {
		guardTownReview(actor, "escalate");
		requireText("reason", reason);
		endReview(now);
		moveTo(CaseStatus.DISTRICT_TRIAGE, actor, now, "ESCALATE", reason);
		events.add(new CaseEscalated(id, townId, reason, now));
	}

	/** Rejects the case: by its town in review, or by the command centre in triage. */
	public void reject(Actor actor, String reason, Instant now) {
		guardReject(actor);
		requireText("reason", reason);
		close(Outcome.REJECTED, actor, now, "REJECT", reason);
	}

	private void guardReject(Actor actor) {
		boolean town = actor.has(TOWN_OPERATOR) && actor.worksIn(townId);
		boolean dispatcher = actor.has(DISPATCHER);
		if (!town && !dispatcher) {
			throw new ForbiddenException("Only the case's town (in review) or the command centre (in triage) may reject it");
		}
		if (status == CaseStatus.TOWN_REVIEW && !town) {
			throw new ForbiddenException("Only the case's town may reject it while it is in town review");
		}
		if (status == CaseStatus.DISTRICT_TRIAGE && !dispatcher) {
			throw new ForbiddenException("Only the command centre may reject a case in district triage");
		}
		if (status != CaseStatus.TOWN_REVIEW && status != CaseStatus.DISTRICT_TRIAGE) {
			throw illegal("reject");
		}
	}

	// ------------------------------------------------------------------ district triage

	/**
	 * 研判分流 / 派单: one lead unit and any number of assisting units, optionally citing the duty item
	 * that makes one of them responsible.
	 */
	public List<Task> dispatch(Actor actor, OrgUnit lead, Collection<OrgUnit> assists, DutyItem duty, String note,
			Instant now) {
		guardTriage(actor, "dispatch");
		if (lead == null || !lead.kind().canHandleTasks()) {
			throw new InvalidInputException("leadOrgId", "the lead unit must be a department, town or village");
		}
		Set<Long> units = new HashSet<>();
		units.add(lead.id());
		Set<Long> stillOpen = new HashSet<>();
		currentRound().stream().filter(Task::isOpen).forEach(t -> stillOpen.add(t.orgId()));
		if (stillOpen.contains(lead.id())) {
			throw new InvalidInputException("leadOrgId", lead.name() + " still has an open task in this case");
		}
		for (OrgUnit assist : assists) {
			if (!assist.kind().canHandleTasks()) {
				throw new InvalidInputException("assistOrgIds", assist.name() + " cannot be given a task");
			}
			if (!units.add(assist.id())) {
				throw new InvalidInputException("assistOrgIds", assist.name() + " is named twice");
			}
			if (stillOpen.contains(assist.id())) {
				throw new InvalidInputException("assistOrgIds", assist.name() + " still has an open task in this case");
			}
		}
		if (duty != null && !units.contains(duty.orgId())) {
			throw new InvalidInputException("dutyId", "the duty item belongs to none of the units dispatched to");
		}
		Long dutyId = duty == null ? null : duty.id();
		List<Task> created = new ArrayList<>();
		created.add(Task.dispatch(tasks.size(), lead.id(), TaskRole.LEAD, round, dutyId, now));
		tasks.add(created.get(0));
		for (OrgUnit assist : assists) {
			Task task = Task.dispatch(tasks.size(), assist.id(), TaskRole.ASSIST, round, dutyId, now);
			tasks.add(task);
			created.add(task);
		}
		String basis = duty == null ? "" : "依据 basis: " + duty.title();
		String dueNote = null;
		for (Task task : created) {
			dueNote = startTask(task, now);
		}
		moveTo(CaseStatus.IN_PROGRESS, actor, now, "DISPATCH", join(join(note, basis), dueNote));
		events.add(new CaseDispatched(id, trackingNo, requester.username(), round,
				created.stream().map(t -> new DispatchedTask(t.id(), t.orgId(), t.role())).toList(), dutyId, false, now));
		return created;
	}

	/** Closes this case as a duplicate of {@code target}. */
	public void mergeInto(Actor actor, Case target, String note, Instant now) {
		guardTriage(actor, "merge");
		if (target.id.equals(id)) {
			throw new InvalidInputException("intoCaseId", "a case cannot be merged into itself");
		}
		if (target.status == CaseStatus.CLOSED) {
			throw new InvalidInputException("intoCaseId", "the target case " + target.trackingNo + " is already closed");
		}
		mergedInto = target.id;
		close(Outcome.MERGED, actor, now, "MERGE", join("并入 merged into " + target.trackingNo, note));
	}

	/** The requester takes the case back while no unit holds it: in town review or district triage. */
	public void withdraw(Actor actor, String reason, Instant now) {
		guardWithdraw(actor);
		requireText("reason", reason);
		close(Outcome.WITHDRAWN, actor, now, "WITHDRAW", reason);
	}

	private void guardWithdraw(Actor actor) {
		if (!isOwnRequest(actor)) {
			throw new ForbiddenException("Only the requester may withdraw a case");
		}
		if (status != CaseStatus.TOWN_REVIEW && status != CaseStatus.DISTRICT_TRIAGE) {
			throw illegal("withdraw");
		}
	}

	/**
	 * 补充信息: the requester adds a note to a case that is still open; it goes on the timeline, where
	 * the handlers read it.
	 */
	public void addInformation(Actor actor, String note, Instant now) {
		if (!isOwnRequest(actor)) {
			throw new ForbiddenException("Only the requester may add information to a case");
		}
		if (status == CaseStatus.CLOSED) {
			throw illegal("add information to");
		}
		requireText("note", note);
		record(actor, now, "ADD_INFORMATION", status, status, note.strip());
		events.add(new CaseInformationAdded(id, note.strip(), now));
	}

	// ------------------------------------------------------------------ tasks

	/** 签收. */
	public void sign(Actor actor, UUID taskId, Instant now) {
		Task task = guardSign(actor, taskId);
		task.sign(now);
		endTaskStep(task, Step.SIGN, now);
		Due arrive = startStep(Step.ARRIVE, task, now);
		if (arrive != null) {
			task.setDue(Step.ARRIVE, arrive);
		}
		record(actor, now, "SIGN", status, status, dueNote("报到时限 on site by", arrive));
		events.add(new TaskSigned(id, task.id(), task.orgId(), now));
	}

	/** 报到: the unit reports that it is on site. */
	public void arrive(Actor actor, UUID taskId, String note, Instant now) {
		Task task = guardArrive(actor, taskId);
		task.arrive(now);
		endTaskStep(task, Step.ARRIVE, now);
		record(actor, now, "ARRIVE", status, status, note);
		events.add(new TaskArrived(id, task.id(), task.orgId(), now));
	}

	/**
	 * 办结反馈: the result, with photos and documents. An ENFORCEMENT task must have reported on site
	 * first. When every open task of the round is done, the case awaits evaluation.
	 */
	public void complete(Actor actor, UUID taskId, String result, List<UUID> attachmentIds, Instant now) {
		Task task = guardComplete(actor, taskId);
		requireText("result", result);
		task.complete(result.strip(), attachmentIds == null ? List.of() : attachmentIds, now);
		endTaskSteps(task, now);
		events.add(new TaskCompleted(id, task.id(), task.orgId(), round, now));
		if (currentRound().stream().noneMatch(Task::isOpen)) {
			awaitEvaluation(actor, now, "COMPLETE", result.strip());
		}
		else {
			record(actor, now, "COMPLETE", status, status, result.strip());
		}
	}

	private Task guardSign(Actor actor, UUID taskId) {
		Task task = workableTask(actor, taskId, "sign");
		requireTaskStatus(task, "sign", TaskStatus.DISPATCHED);
		return task;
	}

	private Task guardArrive(Actor actor, UUID taskId) {
		Task task = workableTask(actor, taskId, "report on site for");
		requireTaskStatus(task, "report on site for", TaskStatus.SIGNED);
		return task;
	}

	private Task guardComplete(Actor actor, UUID taskId) {
		Task task = workableTask(actor, taskId, "complete");
		if (type == CaseType.ENFORCEMENT) {
			requireTaskStatus(task, "complete (an enforcement task reports on site first)", TaskStatus.ARRIVED);
		}
		else {
			requireTaskStatus(task, "complete", TaskStatus.SIGNED, TaskStatus.ARRIVED);
		}
		if (task.pendingRequest() != null && task.pendingRequest().kind() == Kind.RETURN) {
			throw new IllegalTransitionException("A return request for this task awaits the command centre's decision",
					task.status());
		}
		return task;
	}

	/** 退单申请: the unit says the task is not theirs, with the reason. */
	public void requestReturn(Actor actor, UUID taskId, String reason, Instant now) {
		Task task = requestableTask(actor, taskId, "request a return of");
		requireText("reason", reason);
		task.request(new PendingRequest(Kind.RETURN, reason, null));
		record(actor, now, "RETURN_REQUEST", status, status, reason);
		events.add(new TaskRequestMade(id, task.id(), task.orgId(), Kind.RETURN, reason, null, now));
	}

	/** 延期申请: the unit asks for {@code days} more. */
	public void requestExtension(Actor actor, UUID taskId, int days, String reason, Instant now) {
		Task task = requestableTask(actor, taskId, "request an extension of");
		if (days < 1 || days > MAX_EXTENSION_DAYS) {
			throw new InvalidInputException("days", "must be between 1 and " + MAX_EXTENSION_DAYS);
		}
		requireText("reason", reason);
		task.request(new PendingRequest(Kind.EXTENSION, reason, days));
		record(actor, now, "EXTENSION_REQUEST", status, status, days + "天: " + reason);
		events.add(new TaskRequestMade(id, task.id(), task.orgId(), Kind.EXTENSION, reason, days, now));
	}

	/**
	 * The command centre decides a return request. An approved return ends the task; when no task of
	 * the round is left, or the returned task was the lead, the case goes back to district triage for
	 * a new dispatch (assisting tasks still open keep their state and go on after it).
	 */
	public void decideReturn(Actor actor, UUID taskId, boolean approve, String note, Instant now) {
		Task task = taskWithPending(actor, taskId, Kind.RETURN);
		if (!approve) {
			task.refuseRequest();
			record(actor, now, "RETURN_REFUSED", status, status, note);
			events.add(new TaskRequestDecided(id, task.id(), task.orgId(), Kind.RETURN, false, null, now));
			return;
		}
		task.approveReturn();
		endTaskSteps(task, now);
		events.add(new TaskRequestDecided(id, task.id(), task.orgId(), Kind.RETURN, true, null, now));
		List<Task> current = currentRound();
		if (task.role() == TaskRole.LEAD || current.stream().allMatch(t -> t.status() == TaskStatus.RETURNED)) {
			// No task left, or no lead: the command centre must dispatch (a new lead) again. Assisting tasks
			// still open wait for that dispatch.
			moveTo(CaseStatus.DISTRICT_TRIAGE, actor, now, "RETURN_APPROVED", note);
			events.add(new CaseReturnedToTriage(id, round, now));
		}
		else if (current.stream().noneMatch(Task::isOpen)) {
			awaitEvaluation(actor, now, "RETURN_APPROVED", note);
		}
		else {
			record(actor, now, "RETURN_APPROVED", status, status, note);
		}
	}

	/** The command centre decides an extension request; an approved one moves the task's deadlines. */
	public void decideExtension(Actor actor, UUID taskId, boolean approve, String note, Instant now) {
		Task task = taskWithPending(actor, taskId, Kind.EXTENSION);
		int days = task.pendingRequest().days();
		String dueNote = null;
		if (approve) {
			task.approveExtension(days);
			Due moved = task.completeDue() == null ? null : rules.extend(this, task.completeDue(), days);
			if (moved != null) {
				task.setDue(Step.COMPLETE, moved);
				announce(Step.COMPLETE, task, moved, now);
				dueNote = dueNote("办结时限 complete by", moved);
			}
		}
		else {
			task.refuseRequest();
		}
		record(actor, now, approve ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED", status, status,
				join(join(days + "天", note), dueNote));
		events.add(new TaskRequestDecided(id, task.id(), task.orgId(), Kind.EXTENSION, approve, days, now));
	}

	// ------------------------------------------------------------------ evaluation and verification

	/**
	 * Whether a case in this status and round may hold evaluations: every evaluation ends its round, by
	 * closing the case or by rework (a new round), and neither is ever undone, so a case in its first round
	 * that is not closed has none. Lets the repository skip asking for them on most loads.
	 */
	public static boolean mayHaveEvaluations(CaseStatus status, int round) {
		return round > 1 || status == CaseStatus.CLOSED;
	}

	/**
	 * 评价: by the requester's own account (for ENFORCEMENT, the initiating unit), or by the command
	 * centre or hotline recording a follow-up call (回访). Satisfied closes the case; unsatisfied
	 * orders rework.
	 */
	public void evaluate(Actor actor, Rating rating, String comment, Instant now) {
		guardEvaluate(actor);
		if (rating == null || rating == Rating.NOT_GIVEN) {
			throw new InvalidInputException("rating", "must be SATISFIED, BASICALLY_SATISFIED or UNSATISFIED");
		}
		Evaluation evaluation = new Evaluation(round, rating, comment, actor.username(), actor.orgId(), now);
		endEvaluation(now);
		evaluations.add(evaluation);
		newEvaluations.add(evaluation);
		record(actor, now, "EVALUATE", status, status, join(rating.name(), comment));
		events.add(new CaseEvaluated(id, round, rating, actor.username(), leadOrgId(), now, actor.orgId()));
		if (rating.isPositive() && verification != Verification.FAILED) {
			consecutiveFailures = 0;
			close(Outcome.RESOLVED, actor, now, "CLOSE", null);
		}
		else {
			rework(actor, now, "评价不满意 evaluated UNSATISFIED");
		}
	}

	private void guardEvaluate(Actor actor) {
		boolean initiatingUnit = type == CaseType.ENFORCEMENT && actor.worksIn(initiatingOrgId)
				&& actor.hasAny(TOWN_OPERATOR, DEPARTMENT_STAFF);
		if (!isOwnRequest(actor) && !initiatingUnit && !actor.hasAny(DISPATCHER, HOTLINE)) {
			throw new ForbiddenException("Only the requester, or the command centre recording a follow-up call, may evaluate");
		}
		requireStatus(CaseStatus.PENDING_EVALUATION, "evaluate");
	}

	/**
	 * The evaluation window ended without an evaluation: the case closes as RESOLVED with the round's
	 * evaluation recorded as {@code assumed} (NOT_GIVEN by default, or a positive rating where the
	 * district counts silence as satisfaction). Done by the system, so no permission check.
	 */
	public void expireEvaluation(Actor system, Rating assumed, Instant now) {
		requireStatus(CaseStatus.PENDING_EVALUATION, "expire the evaluation window of");
		if (assumed == Rating.UNSATISFIED || assumed == null) {
			throw new IllegalArgumentException("An expired evaluation window cannot count as " + assumed);
		}
		endEvaluation(now);
		Evaluation evaluation = new Evaluation(round, assumed, "评价期满未评价 evaluation window ended", system.username(),
				null, now);
		evaluations.add(evaluation);
		newEvaluations.add(evaluation);
		record(system, now, "EVALUATION_EXPIRED", status, status, assumed.name());
		events.add(new CaseEvaluated(id, round, assumed, system.username(), leadOrgId(), now));
		consecutiveFailures = 0;
		close(Outcome.RESOLVED, system, now, "CLOSE", null);
	}

	/** 验收 by someone who is not a grid worker of the case's grids. */
	public void verify(Actor actor, boolean passed, String note, Instant now) {
		verify(actor, passed, note, false, now);
	}

	/**
	 * 验收: a pass/fail check of the round's result; a failure orders rework at once. The command centre,
	 * the initiating unit of a whistle, and a grid worker of a grid the case lies in may verify;
	 * {@code actorWorksCaseGrid} is that last fact, as the grid module knows it.
	 */
	public void verify(Actor actor, boolean passed, String note, boolean actorWorksCaseGrid, Instant now) {
		guardVerify(actor, actorWorksCaseGrid);
		record(actor, now, "VERIFY", status, status, join(passed ? "通过 passed" : "不通过 failed", note));
		events.add(new CaseVerified(id, round, passed, actor.username(), now));
		if (passed) {
			verification = Verification.PASSED;
		}
		else {
			verification = Verification.FAILED;
			endEvaluation(now);
			rework(actor, now, join("验收不通过 verification failed", note));
		}
	}

	private void guardVerify(Actor actor, boolean actorWorksCaseGrid) {
		boolean initiatingUnit = type == CaseType.ENFORCEMENT && actor.worksIn(initiatingOrgId)
				&& actor.hasAny(TOWN_OPERATOR, DEPARTMENT_STAFF);
		boolean gridWorker = actor.has(GRID_WORKER) && actorWorksCaseGrid && gridCode != null;
		if (!actor.has(DISPATCHER) && !initiatingUnit && !gridWorker) {
			throw new ForbiddenException(
					"Only the command centre, the initiating unit of a whistle, or the grid worker of the case's grid may verify");
		}
		requireStatus(CaseStatus.PENDING_EVALUATION, "verify");
		if (verification != null) {
			throw new IllegalTransitionException("This round was already verified", status);
		}
	}

	// ------------------------------------------------------------------ what the actor may do now

	/**
	 * The case-level actions the actor may take right now: exactly those whose transition method would
	 * pass its role, unit and state checks (the same guard methods decide both), so a page that offers
	 * these can never offer one the rule refuses. Input is checked only when the action is taken.
	 */
	public java.util.Set<CaseAction> allowedActions(Actor actor) {
		return allowedActions(actor, false);
	}

	/** As {@link #allowedActions(Actor)}, knowing whether the actor is a grid worker of the case's grid. */
	public java.util.Set<CaseAction> allowedActions(Actor actor, boolean actorWorksCaseGrid) {
		java.util.EnumSet<CaseAction> allowed = java.util.EnumSet.noneOf(CaseAction.class);
		allow(allowed, CaseAction.ACCEPT, () -> guardTownReview(actor, "accept"));
		allow(allowed, CaseAction.ESCALATE, () -> guardTownReview(actor, "escalate"));
		allow(allowed, CaseAction.REJECT, () -> guardReject(actor));
		allow(allowed, CaseAction.DISPATCH, () -> guardTriage(actor, "dispatch"));
		allow(allowed, CaseAction.MERGE, () -> guardTriage(actor, "merge"));
		allow(allowed, CaseAction.WITHDRAW, () -> guardWithdraw(actor));
		allow(allowed, CaseAction.EVALUATE, () -> guardEvaluate(actor));
		allow(allowed, CaseAction.VERIFY, () -> guardVerify(actor, actorWorksCaseGrid));
		return allowed;
	}

	/** The actions the actor may take on one task right now (same guards as the transitions). */
	public java.util.Set<TaskAction> allowedTaskActions(Actor actor, UUID taskId) {
		java.util.EnumSet<TaskAction> allowed = java.util.EnumSet.noneOf(TaskAction.class);
		allow(allowed, TaskAction.SIGN, () -> guardSign(actor, taskId));
		allow(allowed, TaskAction.ARRIVE, () -> guardArrive(actor, taskId));
		allow(allowed, TaskAction.COMPLETE, () -> guardComplete(actor, taskId));
		allow(allowed, TaskAction.REQUEST_RETURN, () -> requestableTask(actor, taskId, "request a return of"));
		allow(allowed, TaskAction.REQUEST_EXTENSION, () -> requestableTask(actor, taskId, "request an extension of"));
		allow(allowed, TaskAction.DECIDE_RETURN, () -> taskWithPending(actor, taskId, Kind.RETURN));
		allow(allowed, TaskAction.DECIDE_EXTENSION, () -> taskWithPending(actor, taskId, Kind.EXTENSION));
		return allowed;
	}

	private static <A extends Enum<A>> void allow(java.util.Set<A> allowed, A action, Runnable guard) {
		try {
			guard.run();
			allowed.add(action);
		}
		catch (ForbiddenException | IllegalTransitionException e) {
			// not allowed now
		}
	}

	/** 重办: the same units get the case again in a new round; failures in a row are counted. */
	private void rework(Actor actor, Instant now, String reason) {
		consecutiveFailures++;
		int failedRound = round;
		Long lead = leadOrgId();
		List<Task> previous = currentRound().stream().filter(t -> t.status() != TaskStatus.RETURNED).toList();
		round++;
		verification = null;
		List<DispatchedTask> dispatched = new ArrayList<>();
		String dueNote = null;
		for (Task old : previous) {
			Task task = Task.dispatch(tasks.size(), old.orgId(), old.role(), round, old.dutyId(), now);
			tasks.add(task);
			dispatched.add(new DispatchedTask(task.id(), task.orgId(), task.role()));
			dueNote = startTask(task, now);
		}
		moveTo(CaseStatus.IN_PROGRESS, actor, now, "REWORK", join("第" + round + "轮 round " + round + ": " + reason
				+ " (连续第" + consecutiveFailures + "次 failure in a row)", dueNote));
		events.add(new ReworkOrdered(id, trackingNo, failedRound, round, consecutiveFailures, lead, reason, now));
		events.add(new CaseDispatched(id, trackingNo, requester.username(), round, dispatched, null, false, now));
	}

	// ------------------------------------------------------------------ leader instruction (领导批示)

	/** Longest instruction text. */
	public static final int MAX_INSTRUCTION_LENGTH = 2000;

	/**
	 * 领导批示: a leader writes an instruction on an open case. It is recorded in the timeline (which
	 * every handler reads), a NORMAL case becomes URGENT (steps started from now on are timed as urgent;
	 * running deadlines stay as they are), and the units holding open tasks (or the reviewing town) are
	 * named in the event so they can be told.
	 */
	public void instruct(Actor actor, String text, Instant now) {
		if (!actor.has(LEADER)) {
			throw new ForbiddenException("Only leaders may write instructions (批示) on a case");
		}
		if (status == CaseStatus.CLOSED) {
			throw illegal("instruct on");
		}
		requireText("text", text);
		if (text.strip().length() > MAX_INSTRUCTION_LENGTH) {
			throw new InvalidInputException("text", "must be at most " + MAX_INSTRUCTION_LENGTH + " characters");
		}
		boolean raised = urgency != Urgency.URGENT;
		urgency = Urgency.URGENT;
		List<Long> units = new ArrayList<>();
		if (status == CaseStatus.TOWN_REVIEW && townId != null) {
			units.add(townId);
		}
		currentRound().stream().filter(Task::isOpen).map(Task::orgId).distinct().forEach(units::add);
		record(actor, now, "INSTRUCT", status, status,
				join("领导批示 instruction: " + text.strip(), raised ? "紧急程度提升为紧急 urgency raised to URGENT" : null));
		events.add(new CaseInstructed(id, trackingNo, actor.username(), actor.displayName(), text.strip(), raised,
				List.copyOf(units), now));
	}

	// ------------------------------------------------------------------ who may see it

	/**
	 * Who may read this case: its requester and creator, units it is or was assigned to, the
	 * initiating unit, the town of its jurisdiction, and the district-wide roles.
	 */
	public boolean isVisibleTo(Actor actor) {
		return isVisibleTo(actor, Set.of());
	}

	/**
	 * Who may read this case, knowing the grids the actor works as grid worker ({@code actorGrids}): as
	 * {@link #isVisibleTo(Actor)}, and the grid workers of the grids it lies in.
	 */
	public boolean isVisibleTo(Actor actor, Set<String> actorGrids) {
		if (actor.hasAny(DISPATCHER, HOTLINE, LEADER, DISCIPLINE, ADMIN)) {
			return true;
		}
		if (actor.has(GRID_WORKER) && liesInAny(actorGrids)) {
			return true;
		}
		if (actor.username().equals(requester.username()) || actor.username().equals(createdBy)) {
			return true;
		}
		if (actor.orgId() == null) {
			return false;
		}
		if (actor.orgId().equals(initiatingOrgId) || (actor.has(TOWN_OPERATOR) && actor.orgId().equals(townId))) {
			return true;
		}
		return tasks.stream().anyMatch(t -> actor.orgId() == t.orgId());
	}

	/** Whether the case was placed in one of these grids (its basic grid or one of its special grids). */
	public boolean liesInAny(Set<String> gridCodes) {
		if (gridCodes.isEmpty()) {
			return false;
		}
		return (gridCode != null && gridCodes.contains(gridCode)) || specialGridCodes.stream().anyMatch(gridCodes::contains);
	}

	/**
	 * How much of the requester this actor sees ({@link RequesterAccess}): their own request in full;
	 * the command centre (DISPATCHER, HOTLINE) and, unless the request is anonymous, the units handling
	 * it now (a task of the current round, or the town reviewing it) masked with an audited reveal;
	 * everyone else masked, or nothing at all when the requester asked to stay anonymous (隐藏身份).
	 */
	public RequesterAccess requesterAccessOf(Actor actor) {
		if (isOwnRequest(actor)) {
			return RequesterAccess.OWN;
		}
		if (actor.hasAny(DISPATCHER, HOTLINE)) {
			return RequesterAccess.REVEALABLE;
		}
		if (anonymous) {
			return RequesterAccess.HIDDEN;
		}
		return handles(actor) ? RequesterAccess.REVEALABLE : RequesterAccess.MASKED;
	}

	/** Whether the actor's unit works on the case now: a task of the current round, or the town's review. */
	private boolean handles(Actor actor) {
		if (actor.orgId() == null) {
			return false;
		}
		if (actor.has(TOWN_OPERATOR) && actor.orgId().equals(townId) && status == CaseStatus.TOWN_REVIEW) {
			return true;
		}
		return tasks.stream().anyMatch(t -> t.round() == round && actor.orgId() == t.orgId());
	}

	/** The requester as this actor sees them without asking: in full only their own request, else masked or hidden. */
	public Requester requesterAsSeenBy(Actor actor) {
		return switch (requesterAccessOf(actor)) {
			case OWN -> requester;
			case HIDDEN -> new Requester(null, null, null);
			case REVEALABLE, MASKED -> requester.masked();
		};
	}

	/**
	 * The requester in full, for an actor who asked to see them (the caller records the view in the audit
	 * trail).
	 * @throws ForbiddenException when this actor may not reveal the requester
	 */
	public Requester requesterRevealedTo(Actor actor) {
		if (!requesterAccessOf(actor).mayReveal()) {
			throw new ForbiddenException("You may not see this requester's name and phone in full");
		}
		return new Requester(requester.name(), requester.phone(), null);
	}

	private boolean isOwnRequest(Actor actor) {
		return requester.username() != null && requester.username().equals(actor.username());
	}

	// ------------------------------------------------------------------ helpers

	/** The tasks of the current round, in dispatch order. */
	public List<Task> currentRound() {
		return tasks.stream().filter(t -> t.round() == round).toList();
	}

	/** The lead unit of the current round (the latest lead task not returned), or null while there is none. */
	public Long leadOrgId() {
		Long lead = null;
		for (Task t : tasks) {
			if (t.round() == round && t.role() == TaskRole.LEAD && t.status() != TaskStatus.RETURNED) {
				lead = t.orgId();
			}
		}
		return lead;
	}

	public Task task(UUID taskId) {
		return tasks.stream().filter(t -> t.id().equals(taskId)).findFirst()
			.orElseThrow(() -> new NotFoundException("Task", taskId));
	}

	private Task workableTask(Actor actor, UUID taskId, String action) {
		Task task = task(taskId);
		if (!actor.worksIn(task.orgId()) || !actor.hasAny(DEPARTMENT_STAFF, TOWN_OPERATOR, VILLAGE_OPERATOR)) {
			throw new ForbiddenException("Only staff of the task's unit may " + action + " it");
		}
		if (status != CaseStatus.IN_PROGRESS || task.round() != round) {
			throw new IllegalTransitionException("Cannot " + action + " a task while the case is " + status
					+ (task.round() != round ? " (the task belongs to round " + task.round() + ")" : ""), status);
		}
		return task;
	}

	private Task requestableTask(Actor actor, UUID taskId, String action) {
		Task task = workableTask(actor, taskId, action);
		requireTaskStatus(task, action, TaskStatus.DISPATCHED, TaskStatus.SIGNED, TaskStatus.ARRIVED);
		if (task.pendingRequest() != null) {
			throw new IllegalTransitionException("A " + task.pendingRequest().kind()
					+ " request for this task already awaits a decision", task.status());
		}
		return task;
	}

	private Task taskWithPending(Actor actor, UUID taskId, Kind kind) {
		requireDispatcher(actor, "decide " + kind + " requests");
		Task task = task(taskId);
		if (task.pendingRequest() == null || task.pendingRequest().kind() != kind) {
			throw new IllegalTransitionException("The task has no pending " + kind + " request", task.status());
		}
		return task;
	}

	private static void requireTaskStatus(Task task, String action, TaskStatus... allowed) {
		for (TaskStatus s : allowed) {
			if (task.status() == s) {
				return;
			}
		}
		throw new IllegalTransitionException("Cannot " + action + " a task that is " + task.status(), task.status());
	}

	private void guardTownReview(Actor actor, String action) {
		requireTownOperator(actor);
		requireStatus(CaseStatus.TOWN_REVIEW, action);
	}

	private void guardTriage(Actor actor, String action) {
		requireDispatcher(actor, action);
		requireStatus(CaseStatus.DISTRICT_TRIAGE, action);
	}

	private void requireTownOperator(Actor actor) {
		if (!actor.has(TOWN_OPERATOR) || !actor.worksIn(townId)) {
			throw new ForbiddenException("Only the case's town may review it");
		}
	}

	private static void requireDispatcher(Actor actor, String action) {
		if (!actor.has(DISPATCHER)) {
			throw new ForbiddenException("Only the command centre may " + action);
		}
	}

	private void requireStatus(CaseStatus required, String action) {
		if (status != required) {
			throw illegal(action);
		}
	}

	private IllegalTransitionException illegal(String action) {
		return new IllegalTransitionException("Cannot " + action + " a case that is " + status
				+ (outcome != null ? " (" + outcome + ")" : ""), status);
	}

	private static void requireText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "must not be blank");
		}
	}

	private void close(Outcome outcome, Actor actor, Instant now, String action, String note) {
		this.outcome = outcome;
		endReview(now);
		endEvaluation(now);
		for (Task t : tasks) {
			if (t.isOpen()) {
				endTaskSteps(t, now);
			}
		}
		moveTo(CaseStatus.CLOSED, actor, now, action, note);
		events.add(new CaseClosed(id, trackingNo, requester.username(), outcome, round, now));
	}

	private void moveTo(CaseStatus next, Actor actor, Instant now, String action, String note) {
		CaseStatus from = status;
		status = next;
		record(actor, now, action, from, next, note);
	}

	private void record(Actor actor, Instant now, String action, CaseStatus from, CaseStatus to, String note) {
		updatedAt = now;
		newTimelineEntries.add(new TimelineEntry(now, actor.username(), actor.orgId(), action, from, to,
				note == null || note.isBlank() ? null : note));
	}

	private static String join(String a, String b) {
		if (a == null || a.isBlank()) {
			return b;
		}
		if (b == null || b.isBlank()) {
			return a;
		}
		return a + "; " + b;
	}

	// ------------------------------------------------------------------ deadlines (限时办理)

	/** Uses {@code rules} to time the steps this case starts from now on. */
	public Case withDeadlineRules(DeadlineRules rules) {
		this.rules = rules == null ? DeadlineRules.NONE : rules;
		return this;
	}

	/** Asks the rules for a step's deadline and, when it is timed, announces it. */
	private Due startStep(Step step, Task task, Instant now) {
		Due due = rules.due(this, step, now);
		if (due != null) {
			announce(step, task, due, now);
		}
		return due;
	}

	private void announce(Step step, Task task, Due due, Instant now) {
		Long unit = task == null ? townId : Long.valueOf(task.orgId());
		events.add(new DeadlineSet(id, trackingNo, task == null ? null : task.id(), unit, round, step, type, urgency,
				due.warnAt(), due.dueAt(), now));
	}

	/** Starts the clocks of a new task (sign and complete run from dispatch); returns a timeline note. */
	private String startTask(Task task, Instant now) {
		Due sign = startStep(Step.SIGN, task, now);
		Due complete = startStep(Step.COMPLETE, task, now);
		if (sign != null) {
			task.setDue(Step.SIGN, sign);
		}
		if (complete != null) {
			task.setDue(Step.COMPLETE, complete);
		}
		return join(dueNote("签收时限 sign by", sign), dueNote("办结时限 complete by", complete));
	}

	private void endTaskStep(Task task, Step step, Instant now) {
		if (task.due(step) != null) {
			task.setDue(step, null);
			events.add(new DeadlineCleared(id, task.id(), step, now));
		}
	}

	private void endTaskSteps(Task task, Instant now) {
		endTaskStep(task, Step.SIGN, now);
		endTaskStep(task, Step.ARRIVE, now);
		endTaskStep(task, Step.COMPLETE, now);
	}

	private void endReview(Instant now) {
		if (reviewDue != null) {
			reviewDue = null;
			events.add(new DeadlineCleared(id, null, Step.TOWN_REVIEW, now));
		}
	}

	private void endEvaluation(Instant now) {
		if (evaluationDue != null) {
			evaluationDue = null;
			events.add(new DeadlineCleared(id, null, Step.EVALUATE, now));
		}
	}

	private void awaitEvaluation(Actor actor, Instant now, String action, String note) {
		verification = null;
		evaluationDue = startStep(Step.EVALUATE, null, now);
		moveTo(CaseStatus.PENDING_EVALUATION, actor, now, action, join(note, dueNote("评价时限 evaluate by", evaluationDue)));
		events.add(new CaseAwaitingEvaluation(id, trackingNo, requester.username(), round, now));
	}

	private String dueNote(String label, Due due) {
		if (due == null) {
			return null;
		}
		return label + " " + NOTE_TIME.format(due.dueAt().atZone(rules.zone()));
	}

	private static final java.time.format.DateTimeFormatter NOTE_TIME =
			java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/** How the case stands against its clocks now: review, the worst open task, or evaluation. */
	public ClockState clockState(Instant now) {
		return switch (status) {
			case TOWN_REVIEW -> reviewDue == null ? null : reviewDue.stateAt(now);
			case PENDING_EVALUATION -> evaluationDue == null ? null : evaluationDue.stateAt(now);
			case IN_PROGRESS -> currentRound().stream().map(t -> t.clockState(now)).reduce(null, Due::worse);
			default -> null;
		};
	}

	public Due reviewDue() {
		return reviewDue;
	}

	public Due evaluationDue() {
		return evaluationDue;
	}

	// ------------------------------------------------------------------ persistence support (package)

	List<TimelineEntry> newTimelineEntries() {
		return newTimelineEntries;
	}

	List<Evaluation> newEvaluations() {
		return newEvaluations;
	}

	boolean isNew() {
		return isNew;
	}

	/** Whether the status or the round changed since the case was loaded or last saved. */
	boolean statusOrRoundChanged() {
		return status != savedStatus || round != savedRound;
	}

	void markSaved(long newVersion) {
		version = newVersion;
		isNew = false;
		savedStatus = status;
		savedRound = round;
		newTimelineEntries.clear();
		newEvaluations.clear();
		tasks.forEach(Task::markClean);
	}

	/** The events registered since the case was loaded; the caller publishes them once it is saved. */
	public List<Object> pullEvents() {
		List<Object> pulled = List.copyOf(events);
		events.clear();
		return pulled;
	}

	// ------------------------------------------------------------------ reading

	public UUID id() {
		return id;
	}

	public String trackingNo() {
		return trackingNo;
	}

	public CaseType type() {
		return type;
	}

	public boolean greenChannel() {
		return greenChannel;
	}

	public String title() {
		return title;
	}

	public String description() {
		return description;
	}

	public String categoryCode() {
		return categoryCode;
	}

	public Urgency urgency() {
		return urgency;
	}

	public Channel channel() {
		return channel;
	}

	public Long townId() {
		return townId;
	}

	public Location location() {
		return location;
	}

	public Long villageId() {
		return villageId;
	}

	/** The code of the basic grid the case lies in, or null. */
	public String gridCode() {
		return gridCode;
	}

	public List<String> specialGridCodes() {
		return specialGridCodes;
	}

	public Requester requester() {
		return requester;
	}

	public String createdBy() {
		return createdBy;
	}

	public Long creatorOrgId() {
		return creatorOrgId;
	}

	public Long initiatingOrgId() {
		return initiatingOrgId;
	}

	public Instant createdAt() {
		return createdAt;
	}

	public boolean anonymous() {
		return anonymous;
	}

	/** The requester's photos, given with the request. */
	public List<UUID> attachmentIds() {
		return attachmentIds;
	}

	public CaseStatus status() {
		return status;
	}

	public Outcome outcome() {
		return outcome;
	}

	public int round() {
		return round;
	}

	public UUID mergedInto() {
		return mergedInto;
	}

	public int consecutiveFailures() {
		return consecutiveFailures;
	}

	public Verification verification() {
		return verification;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public long version() {
		return version;
	}

	public List<Task> tasks() {
		return List.copyOf(tasks);
	}

	public List<Evaluation> evaluations() {
		return List.copyOf(evaluations);
	}
}
