package org.sudi.triage.internal;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rebuilds the models in the background once history has grown (resolved cases, imports). */
@Configuration(proxyBeanMethods = false)
class TriageScheduling {

	@Bean
	RecurringTask<Void> triageRebuild(TriageEngine engine,
			@Value("${sudi.triage.rebuild-interval:10m}") Duration interval) {
		return Tasks.recurring("triage-rebuild", FixedDelay.of(interval))
			.execute((instance, context) -> engine.rebuildIfStale());
	}
}
