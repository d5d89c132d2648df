package org.sudi.casework.domain;

import java.time.Instant;
import java.time.ZoneId;

import org.sudi.catalog.Step;

/**
 * How long the steps of a case may take (限时办理): the time-limit policy of its type, urgency and
 * category, counted on the working calendar. The aggregate asks it when a step starts; without rules
 * ({@link #NONE}) a case runs untimed.
 */
public interface DeadlineRules {

	DeadlineRules NONE = new DeadlineRules() {
		@Override
		public Due due(Case c, Step step, Instant start) {
			return null;
		}

		@Override
		public Due extend(Case c, Due due, int days) {
			return due;
		}

		@Override
		public ZoneId zone() {
			return ZoneId.of("Asia/Shanghai");
		}
	};

	/** The deadline of {@code step} of case {@code c} starting at {@code start}; null for an untimed step. */
	Due due(Case c, Step step, Instant start);

	/** The completion deadline moved by an approved extension of {@code days}. */
	Due extend(Case c, Due due, int days);

	/** The zone deadlines are written in, in timeline notes. */
	ZoneId zone();
}
