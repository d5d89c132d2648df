package org.sudi.casework.domain;

/** The on-site check (验收) of the current round's result. */
public enum Verification {
	PASSED, FAILED
}
