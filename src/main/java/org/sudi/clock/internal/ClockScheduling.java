package org.sudi.clock.internal;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sweep runs as a db-scheduler recurring task: persistent, and run by one node at a time. The
 * sweep itself is safe to run concurrently too (row locks), so a takeover never fires twice.
 */
@Configuration(proxyBeanMethods = false)
class ClockScheduling {

	@Bean
	RecurringTask<Void> clockSweep(DeadlineSweeper sweeper,
			@Value("${sudi.clock.sweep-interval:15s}") Duration interval) {
		return Tasks.recurring("clock-sweep", FixedDelay.of(interval)).execute((instance, context) -> sweeper.sweep());
	}
}
