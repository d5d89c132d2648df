package org.sudi.casework.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.sudi.casework.TaskRole;
import org.sudi.casework.TaskStatus;

/**
 * One unit's share of a case in one round (派单 / 任务). Changed only through its {@link Case}, which
 * checks who may act and in which state.
 */
public class Task {

	private final UUID id;
	private final int seq;
	private final long orgId;
	private final TaskRole role;
	private final int round;
	private final Long dutyId;
	private final Instant dispatchedAt;
	private TaskStatus status;
	private Instant signedAt;
	private Instant arrivedAt;
	private Instant completedAt;
	private String result;
	private List<UUID> attachmentIds;
	private PendingRequest pendingRequest;
	private int extensionDays;
	private Due signDue;
	private Due arriveDue;
	private Due completeDue;
	private boolean dirty;

	Task(UUID id, int seq, long orgId, TaskRole role, int round, Long dutyId, Instant dispatchedAt, TaskStatus status,
			Instant signedAt, Instant arrivedAt, Instant completedAt, String result, List<UUID> attachmentIds,
			PendingRequest pendingRequest, int extensionDays, Due signDue, Due arriveDue, Due completeDue) {
		this.id = id;
		this.seq = seq;
		this.orgId = orgId;
		this.role = role;
		this.round = round;
		this.dutyId = dutyId;
		this.dispatchedAt = dispatchedAt;
		this.status = status;
		this.signedAt = signedAt;
		this.arrivedAt = arrivedAt;
		this.completedAt = completedAt;
		this.result = result;
		this.attachmentIds = List.copyOf(attachmentIds);
		this.pendingRequest = pendingRequest;
		this.extensionDays = extensionDays;
		this.signDue = signDue;
		this.arriveDue = arriveDue;
		this.completeDue = completeDue;
	}

	static Task dispatch(int seq, long orgId, TaskRole role, int round, Long dutyId, Instant now) {
		Task task = new Task(Ids.next(now), seq, orgId, role, round, dutyId, now, TaskStatus.DISPATCHED, null, null,
				null, null, List.of(), null, 0, null, null, null);
		task.dirty = true;
		return task;
	}

	/** Still being worked on: neither completed nor returned. */
	public boolean isOpen() {
		return status != TaskStatus.COMPLETED && status != TaskStatus.RETURNED;
	}

	void sign(Instant now) {
		status = TaskStatus.SIGNED;
		signedAt = now;
		dirty = true;
	}

	void arrive(Instant now) {
		status = TaskStatus.ARRIVED;
		arrivedAt = now;
		dirty = true;
	}

	void complete(String result, List<UUID> attachmentIds, Instant now) {
		status = TaskStatus.COMPLETED;
		completedAt = now;
		this.result = result;
		this.attachmentIds = List.copyOf(attachmentIds);
		pendingRequest = null;
		dirty = true;
	}

	void request(PendingRequest request) {
		pendingRequest = request;
		dirty = true;
	}

	void approveReturn() {
		status = TaskStatus.RETURNED;
		pendingRequest = null;
		dirty = true;
	}

	void approveExtension(int days) {
		extensionDays += days;
		pendingRequest = null;
		dirty = true;
	}

	void refuseRequest() {
		pendingRequest = null;
		dirty = true;
	}

	/** Sets (or with null clears) the deadline of one of this task's steps. */
	void setDue(org.sudi.catalog.Step step, Due due) {
		switch (step) {
			case SIGN -> signDue = due;
			case ARRIVE -> arriveDue = due;
			case COMPLETE -> completeDue = due;
			default -> throw new IllegalArgumentException(step + " is not a task step");
		}
		dirty = true;
	}

	Due due(org.sudi.catalog.Step step) {
		return switch (step) {
			case SIGN -> signDue;
			case ARRIVE -> arriveDue;
			case COMPLETE -> completeDue;
			default -> null;
		};
	}

	/**
	 * How the task stands against the deadlines of the steps still ahead of it; null when untimed or
	 * finished.
	 */
	public org.sudi.casework.ClockState clockState(java.time.Instant now) {
		if (!isOpen()) {
			return null;
		}
		org.sudi.casework.ClockState state = null;
		if (status == TaskStatus.DISPATCHED && signDue != null) {
			state = signDue.stateAt(now);
		}
		if (status != TaskStatus.ARRIVED && arriveDue != null) {
			state = Due.worse(state, arriveDue.stateAt(now));
		}
		if (completeDue != null) {
			state = Due.worse(state, completeDue.stateAt(now));
		}
		return state;
	}

	public Due signDue() {
		return signDue;
	}

	public Due arriveDue() {
		return arriveDue;
	}

	public Due completeDue() {
		return completeDue;
	}

	boolean isDirty() {
		return dirty;
	}

	void markClean() {
		dirty = false;
	}

	public UUID id() {
		return id;
	}

	public int seq() {
		return seq;
	}

	public long orgId() {
		return orgId;
	}

	public TaskRole role() {
		return role;
	}

	public int round() {
		return round;
	}

	public Long dutyId() {
		return dutyId;
	}

	public Instant dispatchedAt() {
		return dispatchedAt;
	}

	public TaskStatus status() {
		return status;
	}

	public Instant signedAt() {
		return signedAt;
	}

	public Instant arrivedAt() {
		return arrivedAt;
	}

	public Instant completedAt() {
		return completedAt;
	}

	public String result() {
		return result;
	}

	public List<UUID> attachmentIds() {
		return attachmentIds;
	}

	public PendingRequest pendingRequest() {
		return pendingRequest;
	}

	public int extensionDays() {
		return extensionDays;
	}
}
