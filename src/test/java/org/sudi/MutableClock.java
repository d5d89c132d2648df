package org.sudi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the test moves: time passes only when the test says so. */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;
	private final ZoneId zone;

	public MutableClock(Instant start, ZoneId zone) {
		this.now = new AtomicReference<>(start);
		this.zone = zone;
	}

	public void set(Instant instant) {
		now.set(instant);
	}

	public void advance(Duration duration) {
		now.updateAndGet(i -> i.plus(duration));
	}

	@Override
	public ZoneId getZone() {
		return zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MutableClock(now.get(), zone);
	}

	@Override
	public Instant instant() {
		return now.get();
	}

	/** Replaces the application's clock with a {@link MutableClock} in the district's zone. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.now(), ZoneId.of("Asia/Shanghai"));
		}
	}
}
