package org.sudi.grid;

import java.util.List;

/**
 * Where a point lies: its basic grid with the grid's village and town, and every special grid around
 * it. A point in no basic grid has no town, village or basic grid (it lies outside the district's
 * grids); it may still lie in special grids.
 */
public record Placement(Long townId, Long villageId, GridRef basicGrid, List<GridRef> specialGrids) {

	public Placement {
		specialGrids = List.copyOf(specialGrids);
	}

	public static final Placement NOWHERE = new Placement(null, null, null, List.of());

	public boolean inDistrict() {
		return basicGrid != null;
	}

	public String basicGridCode() {
		return basicGrid == null ? null : basicGrid.code();
	}

	public List<String> specialGridCodes() {
		return specialGrids.stream().map(GridRef::code).toList();
	}
}
