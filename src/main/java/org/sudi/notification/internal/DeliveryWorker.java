package org.sudi.notification.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sudi.notification.DeliveryChannel;

/**
 * Hands queued notifications to their channels: one delivery at a time under a row lock, marked sent
 * in the same transaction, retried with doubling back-off when a channel fails (given up after
 * {@link #MAX_ATTEMPTS}).
 */
@Configuration(proxyBeanMethods = false)
class DeliveryWorker {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	static final int MAX_ATTEMPTS = 8;
	static final Duration RUN_BUDGET = Duration.ofSeconds(30);

	private final Inbox inbox;
	private final Map<String, DeliveryChannel> channels;
	private final Clock clock;
	private final TransactionTemplate tx;

	DeliveryWorker(Inbox inbox, List<DeliveryChannel> channels, Clock clock, PlatformTransactionManager transactions) {
		this.inbox = inbox;
		this.channels = channels.stream().collect(Collectors.toMap(DeliveryChannel::name, Function.identity()));
		this.clock = clock;
		this.tx = new TransactionTemplate(transactions);
	}

	@Bean
	RecurringTask<Void> notificationDelivery(@Value("${sudi.notification.delivery-interval:10s}") Duration interval) {
		return Tasks.recurring("notification-delivery", FixedDelay.of(interval))
			.execute((instance, context) -> deliverDue());
	}

	/**
	 * Delivers what is due now, until nothing is due or the run has taken {@link #RUN_BUDGET} (then the
	 * next run goes on); returns how many deliveries were attempted. A fixed number per run (once 200
	 * per 10 s) could not keep up with a busy intake: a few notifications per case at 90 cases a second.
	 */
	int deliverDue() {
		int attempted = 0;
		long until = System.nanoTime() + RUN_BUDGET.toNanos();
		while (System.nanoTime() < until && Boolean.TRUE.equals(tx.execute(s -> deliverNext()))) {
			attempted++;
		}
		return attempted;
	}

	private boolean deliverNext() {
		Instant now = clock.instant();
		var next = inbox.claimDue(now);
		if (next.isEmpty()) {
			return false;
		}
		Inbox.Delivery d = next.get();
		DeliveryChannel channel = channels.get(d.channel());
		try {
			if (channel == null) {
				throw new IllegalStateException("No delivery channel named " + d.channel() + " on this node");
			}
			channel.deliver(d.notification());
			inbox.delivered(d.id());
		}
		catch (Exception e) {
			int attempts = d.attempts() + 1;
			boolean giveUp = attempts >= MAX_ATTEMPTS;
			Instant retryAt = now.plus(Duration.ofMinutes(1L << Math.min(attempts, 10)));
			log.warn("Delivery {} via {} failed (attempt {}{}): {}", d.id(), d.channel(), attempts,
					giveUp ? ", giving up" : "", e.getMessage());
			inbox.failed(d.id(), giveUp, retryAt, String.valueOf(e.getMessage()));
		}
		return true;
	}
}
