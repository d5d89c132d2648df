package org.sudi.casework;

import java.util.UUID;

import org.sudi.directory.Actor;

/**
 * What a requester (or a system filing for one) does to a case from outside casework: submit,
 * withdraw before dispatch, add information, evaluate. The aggregate checks every rule, as for the
 * JSON API.
 */
public interface CaseIntake {

	CaseSummary submit(Actor actor, NewCase newCase);

	CaseSummary withdraw(Actor actor, UUID caseId, String reason);

	CaseSummary addInformation(Actor actor, UUID caseId, String note);

	CaseSummary evaluate(Actor actor, UUID caseId, Rating rating, String comment);
}
