/**
 * Notifications: a per-account inbox written in the same transaction as what it reports (so nothing
 * is lost and nothing reaches a person twice), and an outbox that hands each inbox item to the other
 * delivery channels ({@link org.sudi.notification.DeliveryChannel}: SMS and WeChat template messages
 * plug in there; the demo has a logging channel) at least once, with retries.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notification")
package org.sudi.notification;
