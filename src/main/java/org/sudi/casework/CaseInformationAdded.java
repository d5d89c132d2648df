package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** The requester added information to an open case (补充信息). */
public record CaseInformationAdded(UUID caseId, String note, Instant at) {
}
