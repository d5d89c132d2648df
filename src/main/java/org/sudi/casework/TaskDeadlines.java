package org.sudi.casework;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Deadlines of tasks, for the pages: implemented by the module that keeps the clock. While no bean
 * exists, pages show no deadline column and work lists are ordered by dispatch time.
 */
public interface TaskDeadlines {

	/** The due time and clock colour of each of the given tasks that has a deadline. */
	Map<UUID, Deadline> of(Collection<UUID> taskIds);

	/** @param clock {@code GREEN}, {@code YELLOW} (warning) or {@code RED} (overdue) */
	record Deadline(Instant due, String clock) {
	}
}
