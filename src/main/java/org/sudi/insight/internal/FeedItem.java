package org.sudi.insight.internal;

import java.time.Instant;

/** One line of the live feed: what happened to which case, where; no personal data. */
public record FeedItem(String kind, String caseId, String trackingNo, String caseType, String town, String category,
		String text, Instant at) {
}
