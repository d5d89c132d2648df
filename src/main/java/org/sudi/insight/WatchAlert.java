package org.sudi.insight;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Something happened to a case that leaders follow (领导关注): {@code usernames} are the leaders whose
 * watch covers it; {@code key} identifies what is reported, so a repeat tells nobody twice.
 */
public record WatchAlert(List<String> usernames, UUID caseId, String trackingNo, String title, String body, String key,
		Instant at) {
}
