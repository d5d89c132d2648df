package org.sudi.notification;

import java.util.UUID;

/** One message to one account. */
public record Notification(long id, String username, String kind, String title, String body, UUID caseId) {
}
