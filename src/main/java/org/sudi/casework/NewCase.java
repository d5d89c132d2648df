package org.sudi.casework;

import java.util.List;
import java.util.UUID;

/**
 * A case as a channel hands it in: what, where (a point and/or a typed address, and the town whose
 * review a LIVELIHOOD case goes to), who asked (when someone files it for them), whether they stay
 * anonymous to the handlers, and the photos they uploaded (at most 9).
 */
public record NewCase(CaseType type, String title, String description, String categoryCode, Urgency urgency,
		Channel channel, Long townId, Double lat, Double lon, String address, String requesterName,
		String requesterPhone, boolean anonymous, List<UUID> attachmentIds) {
}
