package org.sudi.channel.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sudi.channel.SmsSender;

/**
 * The demo SMS sender: writes each message to the log (number masked) and keeps the last messages in
 * memory so the demo and the tests can read a code. Used when no other {@link SmsSender} bean exists.
 */
public class LoggingSmsSender implements SmsSender {

	private static final Logger log = LoggerFactory.getLogger(LoggingSmsSender.class);

	public record Message(String phone, String text) {
	}

	private final Deque<Message> recent = new ArrayDeque<>();

	@Override
	public void send(String phone, String text) {
		log.info("SMS to {}: {}", phone.length() == 11 ? phone.substring(0, 3) + "****" + phone.substring(7) : "?", text);
		synchronized (recent) {
			recent.addFirst(new Message(phone, text));
			while (recent.size() > 100) {
				recent.removeLast();
			}
		}
	}

	/** The latest message sent to the number. */
	public Optional<Message> lastTo(String phone) {
		synchronized (recent) {
			return recent.stream().filter(m -> m.phone().equals(phone)).findFirst();
		}
	}

	/** The 6-digit code in the latest message to the number. */
	public Optional<String> lastCodeTo(String phone) {
		return lastTo(phone).map(m -> m.text().replaceAll("^\\D*(\\d{6}).*$", "$1"));
	}
}
