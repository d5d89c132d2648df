package org.sudi.insight.internal;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Folds the finished days of the rollup shards into the per-day tables (ADR 0034), on one node at a
 * time; until it runs the screen simply reads a few more rows (it sums shards and per-day rows alike).
 */
@Configuration(proxyBeanMethods = false)
class InsightScheduling {

	@Bean
	RecurringTask<Void> insightFoldShards(Rollups rollups,
			@Value("${sudi.insight.fold-interval:1h}") Duration interval) {
		return Tasks.recurring("insight-fold-shards", FixedDelay.of(interval))
			.execute((instance, context) -> rollups.foldShards());
	}
}
