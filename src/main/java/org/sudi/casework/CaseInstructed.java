package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A leader wrote an instruction (领导批示) on a case. {@code urgencyRaised} is true when it turned a
 * NORMAL case URGENT; {@code orgIds} are the units holding the case now (open tasks, or the
 * reviewing town), who are to be told.
 */
public record CaseInstructed(UUID caseId, String trackingNo, String byUsername, String byName, String text,
		boolean urgencyRaised, List<Long> orgIds, Instant at) {
}
