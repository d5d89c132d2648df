package org.sudi.casework;

import java.util.Optional;
import java.util.Set;

/**
 * What casework asks about places; implemented by the grid module (which sits above casework, so
 * casework declares the question and the grid module answers it, as with
 * {@link org.sudi.attachment.AttachmentReaders}). Without an implementation every point is
 * {@link CasePlace.Kind#UNKNOWN} and nobody is a grid worker of any grid.
 */
public interface CasePlaces {

	/** The place of a WGS-84 point. */
	CasePlace locate(double lat, double lon);

	/** The codes of the grids (basic and special) the account is a grid worker of; empty for others. */
	Set<String> gridsOf(String username);

	/** Where a grid worker's report lies when it gives no point: a point inside the worker's first grid. */
	Optional<Point> defaultPointOf(String username);

	record Point(double lat, double lon) {
	}

	/** No geography: used when no module implements {@link CasePlaces}. */
	CasePlaces NONE = new CasePlaces() {
		@Override
		public CasePlace locate(double lat, double lon) {
			return CasePlace.unknown();
		}

		@Override
		public Set<String> gridsOf(String username) {
			return Set.of();
		}

		@Override
		public Optional<Point> defaultPointOf(String username) {
			return Optional.empty();
		}
	};
}
