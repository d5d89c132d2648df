package org.sudi.casework.domain;

import java.util.List;

/**
 * Test-side access for the data generator (org.sudi.datagen): what {@link Cases#save} would write of a
 * case after a command (its new timeline entries and evaluations), and marking it saved, so generated
 * rows are exactly what the aggregate produced.
 */
public final class DatagenAccess {

	private DatagenAccess() {
	}

	/** The entries and evaluations since the last save; marks the case saved (version + 1). */
	public static Saved save(Case c) {
		Saved saved = new Saved(List.copyOf(c.newTimelineEntries()), List.copyOf(c.newEvaluations()));
		c.markSaved(c.version() + 1);
		return saved;
	}

	public record Saved(List<TimelineEntry> timeline, List<Evaluation> evaluations) {
	}
}
