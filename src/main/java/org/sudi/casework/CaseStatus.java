package org.sudi.casework;

/** Where a case stands in the loop. */
public enum CaseStatus {
	TOWN_REVIEW, DISTRICT_TRIAGE, IN_PROGRESS, PENDING_EVALUATION, CLOSED
}
