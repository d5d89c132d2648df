package org.sudi.assessment.domain;

import java.time.Instant;

import org.sudi.directory.Actor;
import org.sudi.directory.Role;
import org.sudi.platform.ForbiddenException;
import org.sudi.platform.IllegalTransitionException;
import org.sudi.platform.InvalidInputException;

/**
 * An accountability record's way through the register: OPEN → UNDER_REVIEW → DECIDED (with the
 * decision) or DISMISSED (from OPEN or UNDER_REVIEW). Only discipline inspectors (纪委监委/组织部) move
 * it; every move returns the step to record in the history.
 */
public final class AccountabilityRecord {

	public enum Status {
		OPEN, UNDER_REVIEW, DECIDED, DISMISSED
	}

	/** The decisions the district's rules allow. */
	public enum Decision {
		/** 通报 (通报批评) */
		NOTICE,
		/** 诫勉 */
		ADMONISHMENT,
		/** 组织调整 / 组织处理 */
		ORGANISATIONAL,
		/** 纪律处分 */
		DISCIPLINARY
	}

	/** One recorded step of the record's history. */
	public record Step(String action, Status from, Status to, Decision decision, String note, String byUsername,
			Instant at) {
	}

	private final long id;
	private Status status;
	private Decision decision;

	public AccountabilityRecord(long id, Status status, Decision decision) {
		this.id = id;
		this.status = status;
		this.decision = decision;
	}

	/** Checks that the actor may open or handle records. */
	public static void requireInspector(Actor actor) {
		if (!actor.has(Role.DISCIPLINE)) {
			throw new ForbiddenException("Only discipline inspectors may open and handle accountability records");
		}
	}

	/** The step of a record opened by hand. */
	public static Step openedBy(Actor actor, String reason, Instant now) {
		requireInspector(actor);
		requireText("reason", reason);
		return new Step("OPEN", null, Status.OPEN, null, reason.strip(), actor.username(), now);
	}

	/** 受理审查: an inspector takes the record up. */
	public Step review(Actor actor, String note, Instant now) {
		requireInspector(actor);
		require(Status.OPEN, "review");
		return move("REVIEW", Status.UNDER_REVIEW, null, note, actor, now);
	}

	/** 作出处理: the decision, with its grounds. */
	public Step decide(Actor actor, Decision decision, String note, Instant now) {
		requireInspector(actor);
		require(Status.UNDER_REVIEW, "decide");
		if (decision == null) {
			throw new InvalidInputException("decision", "must be one of NOTICE, ADMONISHMENT, ORGANISATIONAL, DISCIPLINARY");
		}
		requireText("note", note);
		this.decision = decision;
		return move("DECIDE", Status.DECIDED, decision, note, actor, now);
	}

	/** 不予问责: dismissed, with the reason. */
	public Step dismiss(Actor actor, String note, Instant now) {
		requireInspector(actor);
		if (status != Status.OPEN && status != Status.UNDER_REVIEW) {
			throw new IllegalTransitionException("Cannot dismiss a record that is " + status, status.name());
		}
		requireText("note", note);
		return move("DISMISS", Status.DISMISSED, null, note, actor, now);
	}

	private Step move(String action, Status to, Decision d, String note, Actor actor, Instant now) {
		Status from = status;
		status = to;
		return new Step(action, from, to, d, note == null || note.isBlank() ? null : note.strip(), actor.username(), now);
	}

	private void require(Status required, String action) {
		if (status != required) {
			throw new IllegalTransitionException("Cannot " + action + " a record that is " + status, status.name());
		}
	}

	private static void requireText(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInputException(field, "must not be blank");
		}
	}

	public long id() {
		return id;
	}

	public Status status() {
		return status;
	}

	public Decision decision() {
		return decision;
	}
}
