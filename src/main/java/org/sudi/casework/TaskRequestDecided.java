package org.sudi.casework;

import java.time.Instant;
import java.util.UUID;

/** The command centre approved or refused a task's return (退单) or extension (延期) request. */
public record TaskRequestDecided(UUID caseId, UUID taskId, long orgId, Kind kind, boolean approved, Integer days,
		Instant at) {

	public enum Kind {
		RETURN, EXTENSION
	}
}
