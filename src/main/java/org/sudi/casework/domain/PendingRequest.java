package org.sudi.casework.domain;

import org.sudi.casework.TaskRequestDecided.Kind;

/** A task's open request to the command centre: return it (退单) or extend it by {@code days} (延期). */
public record PendingRequest(Kind kind, String reason, Integer days) {
}
