package org.sudi.casework.domain;

/**
 * How much of the requester (name and phone) an actor sees on a case ({@link Case#requesterAccessOf}),
 * the one rule for pages, API answers and exports.
 */
public enum RequesterAccess {
	/** The requester themself: their own data, in full. */
	OWN,
	/**
	 * Shown masked; in full only on an explicit, audited reveal (PERSONAL_DATA_VIEWED): the command centre
	 * (DISPATCHER, HOTLINE), who calls back for the evaluation, and, unless the request is anonymous, the
	 * units handling it now (the current round's task units, the reviewing town's operators).
	 */
	REVEALABLE,
	/** Shown masked (李*, 138****5678) and never in full: everyone else who may read the case. */
	MASKED,
	/** Not shown at all: an anonymous request, to everyone but its requester and the command centre. */
	HIDDEN;

	public boolean mayReveal() {
		return this == OWN || this == REVEALABLE;
	}
}
