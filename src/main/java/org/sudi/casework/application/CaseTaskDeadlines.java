package org.sudi.casework.application;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.sudi.casework.ClockState;
import org.sudi.casework.TaskDeadlines;
import org.sudi.casework.domain.Cases;
import org.sudi.casework.domain.Due;

/**
 * The pages' view of task deadlines: for each open task, the nearest deadline still ahead of it and
 * the colour of its worst clock (green, yellow at the warning, red when overdue).
 */
@Component
class CaseTaskDeadlines implements TaskDeadlines {

	private final Cases cases;
	private final Clock clock;

	CaseTaskDeadlines(Cases cases, Clock clock) {
		this.cases = cases;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public Map<UUID, Deadline> of(Collection<UUID> taskIds) {
		Instant now = clock.instant();
		Map<UUID, Deadline> result = new HashMap<>();
		cases.openTaskDues(taskIds).forEach((taskId, dues) -> {
			ClockState worst = null;
			Instant nearest = null;
			for (Due due : dues) {
				ClockState state = due.stateAt(now);
				worst = worst == null || state.compareTo(worst) > 0 ? state : worst;
				nearest = nearest == null || due.dueAt().isBefore(nearest) ? due.dueAt() : nearest;
			}
			if (nearest != null) {
				result.put(taskId, new Deadline(nearest, switch (worst) {
					case ON_TIME -> "GREEN";
					case WARNING -> "YELLOW";
					case OVERDUE -> "RED";
				}));
			}
		});
		return result;
	}
}
