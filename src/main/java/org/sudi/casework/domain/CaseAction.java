package org.sudi.casework.domain;

/** The case-level transitions a page can offer; see {@link Case#allowedActions}. */
public enum CaseAction {
	ACCEPT, ESCALATE, REJECT, DISPATCH, MERGE, WITHDRAW, EVALUATE, VERIFY
}
