package org.sudi.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (bucket4j) per key, e.g. {@code ip:1.2.3.4:lookup} or {@code phone:138…:code}. The
 * buckets live in this node's memory: behind a load balancer each node limits on its own, which keeps
 * the limits at most (nodes ×) the configured rate; the limits that must hold across nodes (SMS codes
 * per number) are counted in the database. The map is bounded: when it grows past {@link #MAX_KEYS} it
 * is cleared, which only ever forgives.
 */
@Component
public class RateLimiter {

	static final int MAX_KEYS = 100_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	/**
	 * Takes one token from the bucket of {@code key} ({@code capacity} tokens, refilled over
	 * {@code period}).
	 *
	 * @throws TooManyRequestsException when the bucket is empty, saying when to try again
	 */
	public void consume(String key, long capacity, Duration period) {
		if (buckets.size() > MAX_KEYS) {
			buckets.clear();
		}
		Bucket bucket = buckets.computeIfAbsent(key + "|" + capacity + "/" + period.toSeconds(), k -> Bucket.builder()
			.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
			.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
			throw new TooManyRequestsException(seconds);
		}
	}

	/** Forgets every bucket (tests that must start from full buckets). */
	public void reset() {
		buckets.clear();
	}
}
