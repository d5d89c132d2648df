package org.sudi.assessment.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Folds the day counters' deltas into the counters (ADR 0025) as a db-scheduler recurring task, run by
 * one node at a time (the fold itself also takes an advisory lock). Until a fold, reads add the deltas.
 */
@Configuration(proxyBeanMethods = false)
class AssessmentScheduling {

	@Bean
	RecurringTask<Void> dayCountsFold(DayCounts dayCounts, AssessmentProperties properties) {
		return Tasks.recurring("assessment-day-counts-fold", FixedDelay.of(properties.dayCountsFoldIntervalOrDefault()))
			.execute((instance, context) -> dayCounts.fold());
	}
}
