package org.sudi.grid.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;
import org.sudi.platform.NotFoundException;

/**
 * A patrol (巡查) of one grid by one of its grid workers: the checklist items ticked (fine or not),
 * the findings recorded with photos and a point, each of which can become a case once. Only the
 * patrol's worker changes it, and only while it is open (a finished patrol may still turn a finding
 * into a case).
 */
public class Patrol {

	public enum Status {
		OPEN, FINISHED
	}

	/** One ticked checklist item. */
	public record Check(long itemId, boolean ok, String note, Instant at) {
	}

	/** Something found: what, where, photos, and the case it became (if it did). */
	public record Finding(UUID id, Long itemId, String description, double lat, double lon, List<UUID> attachmentIds,
			Instant at, UUID caseId, String trackingNo) {

		public Finding {
			attachmentIds = List.copyOf(attachmentIds);
		}

		Finding withCase(UUID caseId, String trackingNo) {
			return new Finding(id, itemId, description, lat, lon, attachmentIds, at, caseId, trackingNo);
		}
	}

	private final UUID id;
	private final String gridCode;
	private final long villageId;
	private final long townId;
	private final String worker;
	private final Instant startedAt;
	private Status status;
	private Instant finishedAt;
	private String note;
	private final Map<Long, Check> checks;
	private final List<Finding> findings;

	public Patrol(UUID id, String gridCode, long villageId, long townId, String worker, Instant startedAt,
			Status status, Instant finishedAt, String note, List<Check> checks, List<Finding> findings) {
		this.id = id;
		this.gridCode = gridCode;
		this.villageId = villageId;
		this.townId = townId;
		this.worker = worker;
		this.startedAt = startedAt;
		this.status = status;
		this.finishedAt = finishedAt;
		this.note = note;
		this.checks = new LinkedHashMap<>();
		checks.forEach(c -> this.checks.put(c.itemId(), c));
		this.findings = new ArrayList<>(findings);
	}

	/** A grid worker starts a patrol of one of their own grids. */
	public static Patrol start(UUID id, Grid grid, Actor actor, boolean actorWorksGrid, Instant now) {
		if (!actor.has(Role.GRID_WORKER) || !actorWorksGrid) {
			throw new ForbiddenException("Only a grid worker of grid " + grid.code() + " may patrol it");
		}
		return new Patrol(id, grid.code(), grid.villageId(), grid.townId(), actor.username(), now, Status.OPEN, null,
				null, List.of(), List.of());
	}

	/** Ticks a checklist item: fine ({@code ok}) or not; ticking again replaces the earlier tick. */
	public void tick(Actor actor, long itemId, boolean ok, String note, Instant now) {
		requireOwnOpen(actor, "tick items of");
		checks.put(itemId, new Check(itemId, ok, blankToNull(note), now));
	}

	/** Records a finding at a point (WGS-84) with photos (attachment ids the worker uploaded). */
	public Finding find(Actor actor, UUID findingId, Long itemId, String description, double lat, double lon,
			List<UUID> attachmentIds, Instant now) {
		requireOwnOpen(actor, "record findings in");
		if (description == null || description.isBlank()) {
			throw new InvalidInputException("description", "must not be blank");
		}
		if (lat < -90 || lat > 90 || lon < -180 || lon > 180) {
			throw new InvalidInputException("lat", "is not a WGS-84 point");
		}
		Finding f = new Finding(findingId, itemId, description.strip(), lat, lon,
				attachmentIds == null ? List.of() : attachmentIds, now, null, null);
		findings.add(f);
		if (itemId != null && !checks.containsKey(itemId)) {
			checks.put(itemId, new Check(itemId, false, null, now));
		}
		return f;
	}

	/** Checks that the finding may become a case now; returns it. */
	public Finding findingToFile(Actor actor, UUID findingId) {
		requireOwn(actor, "file cases from");
		Finding f = finding(findingId);
		if (f.caseId() != null) {
			throw new IllegalTransitionException("This finding already became case " + f.trackingNo(), status);
		}
		return f;
	}

	/** Links the finding to the case it became. */
	public Finding filed(UUID findingId, UUID caseId, String trackingNo) {
		Finding f = finding(findingId);
		Finding linked = f.withCase(caseId, trackingNo);
		findings.set(findings.indexOf(f), linked);
		return linked;
	}

	public void finish(Actor actor, String note, Instant now) {
		requireOwnOpen(actor, "finish");
		status = Status.FINISHED;
		finishedAt = now;
		this.note = blankToNull(note);
	}

	/** The patrol's worker, the village and town of the grid, and the district-wide roles may read it. */
	public boolean isVisibleTo(Actor actor) {
		if (actor.hasAny(Role.DISPATCHER, Role.LEADER, Role.DISCIPLINE, Role.ADMIN)) {
			return true;
		}
		if (actor.username().equals(worker)) {
			return true;
		}
		return (actor.has(Role.TOWN_OPERATOR) && actor.worksIn(townId))
				|| (actor.has(Role.VILLAGE_OPERATOR) && actor.worksIn(villageId));
	}

	public Finding finding(UUID findingId) {
		return findings.stream().filter(f -> f.id().equals(findingId)).findFirst()
			.orElseThrow(() -> new NotFoundException("Finding", findingId));
	}

	private void requireOwn(Actor actor, String action) {
		if (!actor.username().equals(worker)) {
			throw new ForbiddenException("Only " + worker + ", who patrols, may " + action + " this patrol");
		}
	}

	private void requireOwnOpen(Actor actor, String action) {
		requireOwn(actor, action);
		if (status != Status.OPEN) {
			throw new IllegalTransitionException("Cannot " + action + " a patrol that is " + status, status);
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	public UUID id() {
		return id;
	}

	public String gridCode() {
		return gridCode;
	}

	public long villageId() {
		return villageId;
	}

	public long townId() {
		return townId;
	}

	public String worker() {
		return worker;
	}

	public Instant startedAt() {
		return startedAt;
	}

	public Status status() {
		return status;
	}

	public Instant finishedAt() {
		return finishedAt;
	}

	public String note() {
		return note;
	}

	public List<Check> checks() {
		return List.copyOf(checks.values());
	}

	public List<Finding> findings() {
		return List.copyOf(findings);
	}
}
