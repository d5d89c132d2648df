package org.sudi.grid.internal;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.sudi.casework.CasePlace;
import org.sudi.casework.CasePlaces;
import org.sudi.grid.Placement;

/** Answers casework's questions about places from the grid index and the grid workers. */
@Component
class GridPlaces implements CasePlaces {

	private final GridGeography geography;
	private final JdbcGrids grids;

	GridPlaces(GridGeography geography, JdbcGrids grids) {
		this.geography = geography;
		this.grids = grids;
	}

	@Override
	public CasePlace locate(double lat, double lon) {
		if (!geography.hasGeography()) {
			return CasePlace.unknown();
		}
		Placement p = geography.locate(lat, lon);
		return p.inDistrict() ? CasePlace.placed(p.townId(), p.villageId(), p.basicGridCode(), p.specialGridCodes())
				: CasePlace.outside();
	}

	@Override
	public Set<String> gridsOf(String username) {
		return grids.gridsOf(username);
	}

	@Override
	public Optional<Point> defaultPointOf(String username) {
		return grids.gridsOf(username).stream().findFirst()
			.flatMap(code -> geography.index().byCode(code))
			.map(g -> {
				org.locationtech.jts.geom.Point inner = g.geometry().getInteriorPoint();
				return new Point(inner.getY(), inner.getX());
			});
	}
}
