package org.sudi.notification;

/**
 * A way to reach a person beside the in-app inbox: SMS, a WeChat template message, a log. Each
 * inbox item is handed to every channel once it is committed; a channel that throws is retried with
 * back-off, so delivery is at least once: a channel should make repeats harmless where it can
 * (the notification id is stable).
 */
public interface DeliveryChannel {

	/** A short stable name, stored with each delivery ("log", "sms", "wechat"). */
	String name();

	/** Whether this channel has a way to reach the person (e.g. a bound WeChat openid). */
	default boolean reaches(String username) {
		return true;
	}

	void deliver(Notification notification) throws Exception;
}
