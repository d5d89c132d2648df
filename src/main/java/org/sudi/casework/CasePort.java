package org.sudi.casework;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.sudi.directory.Actor;

/** What other modules (clock, notification) may ask of and do to cases. Implemented by casework. */
public interface CasePort {

	/** The case, if it exists and the actor may read it. */
	Optional<CaseSummary> find(Actor actor, UUID caseId);

	/** The case, for the platform's own work (no reader to check). */
	Optional<CaseSummary> summary(UUID caseId);

	/** Appends a line by the system (e.g. a warning or an overdue) to the case's timeline. */
	void note(UUID caseId, Long orgId, String action, String note, Instant at);

	/**
	 * Closes a case whose evaluation window ended without an evaluation, if it still awaits the
	 * evaluation whose window ended at {@code dueAt}; false when there is nothing to close.
	 */
	boolean expireEvaluation(UUID caseId, Instant dueAt);
}
