package org.sudi.platform.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Times as pages show them, in the district's time zone: {@code ${@consoleFormat.time(t)}}. */
@Component("consoleFormat")
public class ConsoleFormat {

	private final Clock clock;
	private final DateTimeFormatter minutes;

	ConsoleFormat(Clock clock) {
		this.clock = clock;
		this.minutes = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.getZone());
	}

	public String time(Instant instant) {
		return instant == null ? "" : minutes.format(instant);
	}

	/** Whole hours since the instant (for "waiting for" columns). */
	public long hoursSince(Instant instant) {
		return instant == null ? 0 : Math.max(0, Duration.between(instant, clock.instant()).toHours());
	}

	/** ISO-8601 for {@code <time datetime>}. */
	public String iso(Instant instant) {
		return instant == null ? "" : instant.toString();
	}
}
