package org.sudi.channel;

/**
 * Sends a text message to a mobile number. The platform ships a demo sender that only logs; a
 * deployment provides a bean of this type for its SMS gateway (and the notification module may reuse it).
 */
public interface SmsSender {

	void send(String phone, String text);
}
