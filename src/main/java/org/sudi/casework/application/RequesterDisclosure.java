package org.sudi.casework.application;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.domain.Case;
import org.sudi.casework.domain.PersonalDataColumns;
import org.sudi.casework.domain.Requester;
import org.sudi.directory.Actor;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;

/**
 * Showing a requester's name and phone in full: an explicit action, allowed by the case's rule
 * ({@link Case#requesterRevealedTo}) and recorded in the audit trail (PERSONAL_DATA_VIEWED) in the same
 * transaction. Finding cases by a phone number goes through its keyed hash ({@link PersonalDataColumns}).
 */
@Service
public class RequesterDisclosure {

	private final CaseService cases;

	private final AuditTrail audit;

	RequesterDisclosure(CaseService cases, AuditTrail audit) {
		this.cases = cases;
		this.audit = audit;
	}

	/** A case together with its requester in full, as revealed to the actor. */
	public record Revealed(Case c, Requester requester) {
	}

	@Transactional
	public Revealed reveal(Actor actor, UUID caseId) {
		Case c = cases.get(actor, caseId);
		Requester requester = c.requesterRevealedTo(actor);
		if (!actor.username().equals(c.requester().username())) {
			audit.record(AuditKind.PERSONAL_DATA_VIEWED, actor.username(), "case " + c.trackingNo(),
					"requester name and phone shown in full");
		}
		return new Revealed(c, requester);
	}

	/** The cases of a caller's phone number (hotline and command centre), newest first, requesters masked by the caller. */
	public List<Case> byPhone(Actor actor, String phone, int limit) {
		return cases.callerHistory(actor, phone, limit);
	}
}
