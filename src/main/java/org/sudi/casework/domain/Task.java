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
	private boolean dirty;

	Task(UUID id, int seq, long orgId, TaskRole role, int round, Long dutyId, Instant dispatchedAt, TaskStatus status,
			Instant signedAt, Instant arrivedAt, Instant completedAt, String result, List<UUID> attachmentIds,
			PendingRequest pendingRequest, int extensionDays) {
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
	}

	static Task dispatch(int seq, long orgId, TaskRole role, int round, Long dutyId, Instant now) {
		Task task = new Task(Ids.next(now), seq, orgId, role, round, dutyId, now, TaskStatus.DISPATCHED, null, null,
				null, null, List.of(), null, 0);
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
