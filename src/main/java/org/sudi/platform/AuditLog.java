package org.sudi.platform;

import java.time.Instant;
import java.util.List;

/**
 * Reading and checking the audit log that {@link AuditTrail} writes. Who may read it is decided by the
 * caller (ADMIN and DISCIPLINE, in the directory's pages and API).
 */
public interface AuditLog {

	/** One record as it was written, with its place in the hash chain. */
	record Entry(long id, Instant occurredAt, AuditKind kind, String actor, String subject, String detail,
			String sourceAddress, String hash) {
	}

	/** A filter: every part may be null (no restriction); {@code text} is searched in subject and detail. */
	record Query(AuditKind kind, String actor, String text, Instant from, Instant to) {
	}

	record Page(List<Entry> items, int page, int size, long total) {
	}

	/**
	 * The outcome of checking the whole chain from its anchor: {@code ok}, how many rows were checked,
	 * and for a broken chain the first row that does not check out and why.
	 */
	record Verification(boolean ok, long rowsChecked, Long firstBrokenId, String problem, long headId) {
	}

	/** Newest first. */
	Page search(Query query, int page, int size);

	Verification verify();
}
