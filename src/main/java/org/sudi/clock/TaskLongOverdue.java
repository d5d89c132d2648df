package org.sudi.clock;

import java.time.Instant;
import java.util.UUID;

/** A task is still not completed a further span after its deadline (落实不力 / 超期办理). */
public record TaskLongOverdue(UUID caseId, String trackingNo, UUID taskId, long orgId, int round, Instant dueAt, Instant at) {
}
