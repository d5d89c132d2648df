package org.sudi.casework;

import java.util.List;

/**
 * Where a case's point lies, as the grid module answers it: PLACED (in a basic grid of the district:
 * its town, village and grid, and the special grids around it), OUTSIDE (the district has grids but
 * none holds the point) or UNKNOWN (no point, or no geography to place it in).
 */
public record CasePlace(Kind kind, Long townId, Long villageId, String gridCode, List<String> specialGridCodes) {

	public enum Kind {
		PLACED, OUTSIDE, UNKNOWN
	}

	public CasePlace {
		specialGridCodes = specialGridCodes == null ? List.of() : List.copyOf(specialGridCodes);
	}

	public static CasePlace unknown() {
		return new CasePlace(Kind.UNKNOWN, null, null, null, List.of());
	}

	public static CasePlace outside() {
		return new CasePlace(Kind.OUTSIDE, null, null, null, List.of());
	}

	public static CasePlace placed(long townId, long villageId, String gridCode, List<String> specialGridCodes) {
		return new CasePlace(Kind.PLACED, townId, villageId, gridCode, specialGridCodes);
	}

	public boolean isPlaced() {
		return kind == Kind.PLACED;
	}

	public boolean isOutside() {
		return kind == Kind.OUTSIDE;
	}
}
