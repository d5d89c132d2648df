package org.sudi.casework;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What {@link CaseQueries#find(CaseQuery)} selects; null or empty means "any". Dates are half-open
 * ranges {@code [from, to)}; {@code open} true selects cases not yet CLOSED, false the CLOSED ones.
 * Results come newest first.
 */
public record CaseQuery(List<UUID> ids, List<String> trackingNos, Set<Channel> channels, String createdBy,
		String requesterUsername, Set<String> categoryCodes, Boolean open, Instant createdFrom, Instant createdTo,
		Instant updatedFrom, Instant updatedTo, int offset, int limit) {

	public CaseQuery {
		ids = ids == null ? List.of() : List.copyOf(ids);
		trackingNos = trackingNos == null ? List.of() : List.copyOf(trackingNos);
		channels = channels == null ? Set.of() : Set.copyOf(channels);
		categoryCodes = categoryCodes == null ? Set.of() : Set.copyOf(categoryCodes);
	}

	public static CaseQuery ofRequester(String username, int limit) {
		return new CaseQuery(null, null, null, null, username, null, null, null, null, null, null, 0, limit);
	}
}
