package org.sudi.platform.internal;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Asynchronous module listeners ({@code @ApplicationModuleListener}) run after their transaction commits;
 * Spring Modulith records each delivery in {@code event_publication} in that transaction. A node that
 * dies (SIGKILL, power) between the commit and the listener's end leaves the delivery incomplete.
 * This db-scheduler task (one node at a time) hands every delivery still incomplete after
 * {@code sudi.events.resubmit-after} to its listener again, so it runs after a crash on whichever node
 * is alive. Listeners must therefore be idempotent (they are: see GridCaseCounter). Spring Modulith's
 * own "republish on restart" is left off: with several nodes it would re-run deliveries another node
 * is still working on.
 */
@Configuration(proxyBeanMethods = false)
class EventResubmissionScheduling {

	private static final Logger log = LoggerFactory.getLogger(EventResubmissionScheduling.class);

	@Bean
	RecurringTask<Void> eventResubmission(IncompleteEventPublications incomplete,
			@Value("${sudi.events.resubmit-interval:30s}") Duration interval,
			@Value("${sudi.events.resubmit-after:1m}") Duration after) {
		return Tasks.recurring("event-resubmission", FixedDelay.of(interval)).execute((instance, context) -> {
			log.debug("Resubmitting event publications incomplete for more than {}", after);
			incomplete.resubmitIncompletePublicationsOlderThan(after);
		});
	}
}
