package org.sudi.casework;

import java.util.UUID;

import org.sudi.directory.Actor;

/**
 * Files a case on behalf of another module (a patrol finding, a channel adapter): the same rules,
 * checks and events as {@code POST /api/v1/cases}, inside the caller's transaction when there is one.
 */
public interface CaseFiling {

	FiledCase file(Actor actor, NewCase newCase);

	/** What the new case says; {@code lat}/{@code lon} WGS-84, both or neither. */
	record NewCase(CaseType type, String title, String description, String categoryCode, Urgency urgency,
			Channel channel, Long townId, Double lat, Double lon, String address) {
	}

	record FiledCase(UUID id, String trackingNo, CaseStatus status, Long townId, String gridCode) {
	}
}
