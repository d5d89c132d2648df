package org.sudi.casework.application;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.attachment.Attachments;
import org.sudi.casework.CaseFiling;
import org.sudi.casework.CasePlace;
import org.sudi.casework.CasePlaces;
import org.sudi.casework.CaseType;
import org.sudi.casework.Channel;
import org.sudi.casework.Rating;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.DeadlineRules;
import org.sudi.casework.domain.Ids;
import org.sudi.casework.domain.Location;
import org.sudi.casework.domain.Submission;
import org.sudi.casework.domain.TimelineEntry;
import org.sudi.casework.domain.WorkQueue;
import org.sudi.casework.TaskRequestDecided.Kind;
import org.sudi.catalog.Catalog;
import org.sudi.catalog.DutyItem;
import org.sudi.directory.Actor;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;
import org.sudi.directory.OrgUnits;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * The use cases of the loop: each loads a case the actor may see (404 otherwise), asks the aggregate
 * to act, saves it and publishes its events, all in one transaction. When another change to the same
 * case commits in between (optimistic locking), the action is tried again on the fresh state, where
 * the aggregate checks it anew: two concurrent changes never both win silently, and a change that is
 * still allowed does not fail for a race it did not lose.
 */
@Service
public class CaseService implements CaseFiling {

	/** How often an action is tried when concurrent changes to the same case keep winning. */
	static final int ATTEMPTS = 3;

	private final Cases cases;
	private final OrgUnits orgUnits;
	private final Catalog catalog;
	private final Attachments attachments;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final TransactionTemplate tx;
	private final DeadlineRules rules;
	private final ObjectProvider<CasePlaces> placesProvider;

	CaseService(Cases cases, OrgUnits orgUnits, Catalog catalog, Attachments attachments,
			ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
			DeadlineRules rules, ObjectProvider<CasePlaces> places) {
		this.rules = rules;
		this.tx = new TransactionTemplate(transactions);
		this.placesProvider = places;
		this.cases = cases;
		this.orgUnits = orgUnits;
		this.catalog = catalog;
		this.attachments = attachments;
		this.events = events;
		this.clock = clock;
	}

	/** The grid module's answers, resolved once (looking the bean up was ≈ 2 % of an intake's CPU). */
	private volatile CasePlaces places;

	/** The grid module's answers, or none when no module gives them. */
	private CasePlaces places() {
		CasePlaces p = places;
		if (p == null) {
			p = placesProvider.getIfAvailable(() -> CasePlaces.NONE);
			places = p;
		}
		return p;
	}

	/** The grids the actor works as grid worker; empty for every other role. */
	private Set<String> gridsOf(Actor actor) {
		return actor.has(Role.GRID_WORKER) ? places().gridsOf(actor.username()) : Set.of();
	}

	@Override
	@Transactional
	public FiledCase file(Actor actor, NewCase n) {
		Location location = n.lat() == null && n.lon() == null && n.address() == null ? null
				: new Location(n.lat(), n.lon(), n.address());
		Case c = submit(actor, new Submission(n.type(), n.title(), n.description(), n.categoryCode(), n.urgency(),
				n.channel(), n.townId(), location, null));
		return new FiledCase(c.id(), c.trackingNo(), c.status(), c.townId(), c.gridCode());
	}

	@Transactional
	public Case submit(Actor actor, Submission submission) {
		Submission located = withDefaultPoint(actor, submission);
		Location point = located.location();
		CasePlace place = point != null && point.lat() != null && point.lon() != null
				? places().locate(point.lat(), point.lon())
				: CasePlace.unknown();
		Submission s = withDefaults(actor, located, place);
		if (s.categoryCode() != null && !catalog.categoryExists(s.categoryCode())) {
			throw new InvalidInputException("categoryCode", "unknown category " + s.categoryCode());
		}
		if (s.townId() != null) {
			OrgUnit town = orgUnits.find(s.townId()).orElse(null);
			if (town == null || town.kind() != OrgKind.TOWN) {
				throw new InvalidInputException("townId", "is not a town or street of the district");
			}
		}
		for (UUID id : s.attachmentIds()) {
			if (!attachments.uploadedBySameUnit(id, actor)) {
				throw new InvalidInputException("attachmentIds",
						"attachment " + id + " does not exist or was not uploaded by you");
			}
		}
		if (attachments.describe(s.attachmentIds()).stream().anyMatch(i -> !i.isImage())) {
			throw new InvalidInputException("attachmentIds", "a request's photos must be JPEG or PNG photos");
		}
		Instant now = clock.instant();
		Case c = Case.submit(Ids.next(now), cases.nextTrackingNo(LocalDate.now(clock)), s, place, actor, now, rules);
		return store(c);
	}

	/** A grid worker's report without a point lies in the worker's own grid (its inner point). */
	private Submission withDefaultPoint(Actor actor, Submission s) {
		boolean hasPoint = s.location() != null && s.location().lat() != null && s.location().lon() != null;
		if (hasPoint || !actor.has(Role.GRID_WORKER)) {
			return s;
		}
		return places().defaultPointOf(actor.username())
			.map(p -> new Submission(s.type(), s.title(), s.description(), s.categoryCode(), s.urgency(), s.channel(),
					s.townId(), new Location(p.lat(), p.lon(), s.location() == null ? null : s.location().address()),
					s.requester()))
			.orElse(s);
	}

	/**
	 * Fills in what the submitter's role and unit imply: the channel, and the town of a LIVELIHOOD case
	 * when its point does not decide it (the case has no place in the district's geography).
	 */
	private Submission withDefaults(Actor actor, Submission s, CasePlace place) {
		Channel channel = s.channel();
		if (channel == null || actor.hasAny(Role.CITIZEN, Role.ENTERPRISE, Role.GRID_WORKER)) {
			channel = defaultChannel(actor, channel);
		}
		Long townId = s.townId();
		if (townId == null && s.type() == CaseType.LIVELIHOOD && place.kind() == CasePlace.Kind.UNKNOWN) {
			townId = orgUnits.townOf(actor.orgId()).orElse(null);
		}
		if (townId == null && s.type() == CaseType.ENFORCEMENT && actor.has(Role.TOWN_OPERATOR)) {
			townId = actor.orgId();
		}
		return new Submission(s.type(), s.title(), s.description(), s.categoryCode(), s.urgency(), channel, townId,
				s.location(), s.requester(), s.anonymous(), s.attachmentIds());
	}

	private static Channel defaultChannel(Actor actor, Channel requested) {
		if (actor.has(Role.CITIZEN)) {
			return requested == Channel.WECHAT ? Channel.WECHAT : Channel.H5;
		}
		if (actor.has(Role.ENTERPRISE)) {
			return Channel.ENTERPRISE;
		}
		if (actor.has(Role.GRID_WORKER)) {
			return requested == Channel.PATROL ? Channel.PATROL : Channel.GRID;
		}
		if (actor.has(Role.TOWN_OPERATOR) || actor.has(Role.VILLAGE_OPERATOR)) {
			return Channel.TOWN;
		}
		if (actor.has(Role.DEPARTMENT_STAFF)) {
			return Channel.DEPARTMENT;
		}
		return Channel.HOTLINE;
	}

	@Transactional(readOnly = true)
	public Case get(Actor actor, UUID caseId) {
		Set<String> grids = gridsOf(actor);
		return cases.find(caseId).filter(c -> c.isVisibleTo(actor, grids))
			.orElseThrow(() -> new NotFoundException("Case", caseId))
			.withDeadlineRules(rules);
	}

	@Transactional(readOnly = true)
	public List<TimelineEntry> timeline(Actor actor, UUID caseId) {
		get(actor, caseId);
		return cases.timeline(caseId);
	}

	/** A case the actor may read and its timeline: what the case page shows, the case read once. */
	public record CaseAndTimeline(Case c, List<TimelineEntry> timeline) {
	}

	@Transactional(readOnly = true)
	public CaseAndTimeline withTimeline(Actor actor, UUID caseId) {
		return new CaseAndTimeline(get(actor, caseId), cases.timeline(caseId));
	}

	@Transactional(readOnly = true)
	public Cases.Page search(Actor actor, Cases.Filter filter, int page, int size) {
		return cases.search(filter, actor, gridsOf(actor), page, size);
	}

	/** As {@link #search(Actor, Cases.Filter, int, int)}; {@code myGrids}: only cases in the actor's own grids. */
	@Transactional(readOnly = true)
	public Cases.Page search(Actor actor, org.sudi.casework.CaseStatus status, CaseType type, Long townId, Long orgId,
			String gridCode, boolean open, boolean myGrids, int page, int size) {
		Set<String> grids = gridsOf(actor);
		return cases.search(new Cases.Filter(status, type, townId, orgId, gridCode, open, myGrids ? grids : null),
				actor, grids, page, size);
	}

	/** A unit's work list: its open tasks of one queue, oldest dispatch first (deadline order comes with the clock). */
	@Transactional(readOnly = true)
	public Cases.WorkPage workList(Actor actor, WorkQueue queue, int page, int size) {
		if (actor.orgId() == null || !actor.hasAny(Role.DEPARTMENT_STAFF, Role.TOWN_OPERATOR, Role.VILLAGE_OPERATOR)) {
			throw new ForbiddenException("Only staff of a department, town or village have a work list");
		}
		return cases.workList(actor.orgId(), queue.statuses(), queue.notEnforcementStatuses(), null, page, size);
	}

	/** A unit's work list page with the counts of all its queues (the tabs): two queries. */
	public record WorkBoard(Cases.WorkPage page, Map<WorkQueue, Long> counts) {
	}

	/** As {@link #workList}, with every queue's count from one grouped query. */
	@Transactional(readOnly = true)
	public WorkBoard workBoard(Actor actor, WorkQueue queue, int page, int size) {
		Map<WorkQueue, Long> counts = workCounts(actor);
		return new WorkBoard(cases.workList(actor.orgId(), queue.statuses(), queue.notEnforcementStatuses(), null, page,
				size, counts.get(queue)), counts);
	}

	/** How many tasks each of the unit's work lists holds (one query). */
	@Transactional(readOnly = true)
	public Map<WorkQueue, Long> workCounts(Actor actor) {
		if (actor.orgId() == null || !actor.hasAny(Role.DEPARTMENT_STAFF, Role.TOWN_OPERATOR, Role.VILLAGE_OPERATOR)) {
			throw new ForbiddenException("Only staff of a department, town or village have a work list");
		}
		return cases.workCounts(actor.orgId());
	}

	/** The command centre's queue of tasks waiting for a decision on a return or an extension request. */
	@Transactional(readOnly = true)
	public Cases.WorkPage pendingRequests(Actor actor, Kind kind, int page, int size) {
		if (!actor.has(Role.DISPATCHER)) {
			throw new ForbiddenException("Only the command centre decides return and extension requests");
		}
		return cases.workList(null, null, null, kind, page, size);
	}

	/** A caller's earlier cases, newest first, for the hotline operator taking the call. */
	@Transactional(readOnly = true)
	public List<Case> callerHistory(Actor actor, String phone, int limit) {
		if (!actor.hasAny(Role.HOTLINE, Role.DISPATCHER)) {
			throw new ForbiddenException("Only the hotline and the command centre look up callers");
		}
		if (phone == null || phone.isBlank()) {
			return List.of();
		}
		return cases.search(new Cases.Filter(null, null, null, null, null, null, null, null, phone.strip(), null),
				actor, 0, limit).items();
	}

	public Case accept(Actor actor, UUID caseId, Long assigneeOrgId, String note) {
		OrgUnit assignee = assigneeOrgId == null ? null : unit("assigneeOrgId", assigneeOrgId);
		return change(actor, caseId, c -> c.accept(actor, assignee, note, clock.instant()));
	}

	public Case escalate(Actor actor, UUID caseId, String reason) {
		return change(actor, caseId, c -> c.escalate(actor, reason, clock.instant()));
	}

	public Case reject(Actor actor, UUID caseId, String reason) {
		return change(actor, caseId, c -> c.reject(actor, reason, clock.instant()));
	}

	public Case dispatch(Actor actor, UUID caseId, long leadOrgId, List<Long> assistOrgIds, Long dutyId, String note) {
		OrgUnit lead = unit("leadOrgId", leadOrgId);
		List<OrgUnit> assists = new ArrayList<>();
		for (Long id : assistOrgIds == null ? List.<Long>of() : assistOrgIds) {
			assists.add(unit("assistOrgIds", id));
		}
		DutyItem duty = dutyId == null ? null
				: catalog.duty(dutyId).orElseThrow(() -> new InvalidInputException("dutyId", "no such duty item"));
		return change(actor, caseId, c -> c.dispatch(actor, lead, assists, duty, note, clock.instant()));
	}

	public Case merge(Actor actor, UUID caseId, UUID intoCaseId, String note) {
		return change(actor, caseId, c -> {
			Case target = cases.find(intoCaseId).filter(t -> t.isVisibleTo(actor))
				.orElseThrow(() -> new InvalidInputException("intoCaseId", "no such case"));
			c.mergeInto(actor, target, note, clock.instant());
		});
	}

	public Case withdraw(Actor actor, UUID caseId, String reason) {
		return change(actor, caseId, c -> c.withdraw(actor, reason, clock.instant()));
	}

	public Case addInformation(Actor actor, UUID caseId, String note) {
		return change(actor, caseId, c -> c.addInformation(actor, note, clock.instant()));
	}

	public Case evaluate(Actor actor, UUID caseId, Rating rating, String comment) {
		return change(actor, caseId, c -> c.evaluate(actor, rating, comment, clock.instant()));
	}

	public Case verify(Actor actor, UUID caseId, boolean passed, String note) {
		return change(actor, caseId,
				c -> c.verify(actor, passed, note, c.liesInAny(gridsOf(actor)), clock.instant()));
	}

	/** 领导批示: a leader's instruction on a case, raising its urgency. */
	public Case instruct(Actor actor, UUID caseId, String text) {
		return change(actor, caseId, c -> c.instruct(actor, text, clock.instant()));
	}

	public Case sign(Actor actor, UUID taskId) {
		return changeTask(actor, taskId, c -> c.sign(actor, taskId, clock.instant()));
	}

	public Case arrive(Actor actor, UUID taskId, String note) {
		return changeTask(actor, taskId, c -> c.arrive(actor, taskId, note, clock.instant()));
	}

	public Case complete(Actor actor, UUID taskId, String result, List<UUID> attachmentIds) {
		List<UUID> ids = attachmentIds == null ? List.of() : List.copyOf(attachmentIds);
		return changeTask(actor, taskId, c -> {
			for (UUID id : ids) {
				if (!attachments.uploadedBySameUnit(id, actor)) {
					throw new InvalidInputException("attachmentIds",
							"attachment " + id + " does not exist or was not uploaded by your unit");
				}
			}
			c.complete(actor, taskId, result, ids, clock.instant());
		});
	}

	public Case requestReturn(Actor actor, UUID taskId, String reason) {
		return changeTask(actor, taskId, c -> c.requestReturn(actor, taskId, reason, clock.instant()));
	}

	public Case requestExtension(Actor actor, UUID taskId, int days, String reason) {
		return changeTask(actor, taskId, c -> c.requestExtension(actor, taskId, days, reason, clock.instant()));
	}

	public Case decideReturn(Actor actor, UUID taskId, boolean approve, String note) {
		return changeTask(actor, taskId, c -> c.decideReturn(actor, taskId, approve, note, clock.instant()));
	}

	public Case decideExtension(Actor actor, UUID taskId, boolean approve, String note) {
		return changeTask(actor, taskId, c -> c.decideExtension(actor, taskId, approve, note, clock.instant()));
	}

	private OrgUnit unit(String field, long id) {
		return orgUnits.find(id).orElseThrow(() -> new InvalidInputException(field, "no unit with id " + id));
	}

	private Case change(Actor actor, UUID caseId, Consumer<Case> action) {
		return withRetry(() -> {
			Case c = get(actor, caseId);
			action.accept(c);
			return store(c);
		});
	}

	private Case changeTask(Actor actor, UUID taskId, Consumer<Case> action) {
		return withRetry(() -> {
			Set<String> grids = gridsOf(actor);
			Case c = cases.findByTask(taskId).filter(x -> x.isVisibleTo(actor, grids))
				.orElseThrow(() -> new NotFoundException("Task", taskId))
				.withDeadlineRules(rules);
			action.accept(c);
			return store(c);
		});
	}

	/** Runs the action in a transaction of its own, again when a concurrent change to the case won. */
	private Case withRetry(Supplier<Case> action) {
		for (int attempt = 1;; attempt++) {
			try {
				return tx.execute(status -> action.get());
			}
			catch (OptimisticLockingFailureException e) {
				if (attempt >= ATTEMPTS) {
					throw e;
				}
			}
		}
	}

	private Case store(Case c) {
		List<Object> pending = c.pullEvents();
		cases.save(c);
		pending.forEach(events::publishEvent);
		return c;
	}
}
