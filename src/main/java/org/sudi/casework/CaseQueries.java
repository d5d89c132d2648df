package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reading cases from other modules without touching casework's tables. These reads check no
 * permission: the caller (a channel adapter) shows a requester only their own cases and an outside
 * system only what it may publish.
 */
public interface CaseQueries {

	Optional<CaseSummary> find(UUID id);

	Optional<CaseSummary> findByTrackingNo(String trackingNo);

	List<CaseSummary> find(CaseQuery query);

	long count(CaseQuery query);

	/** The case's timeline, oldest first. */
	List<CaseHistoryEntry> history(UUID caseId);

	/**
	 * Timeline entries that changed cases of the given channels, recorded in {@code [from, to)}, oldest
	 * first, at most {@code limit}.
	 */
	List<CaseHistoryEntry> historyOf(Set<Channel> channels, Instant from, Instant to, int limit);
}
