package org.sudi.grid.domain;

import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.sudi.grid.GridKind;
import org.sudi.grid.GridRef;
import org.sudi.grid.SpecialKind;

/**
 * A grid: a basic grid (基础网格) under its village, or a special grid (专属网格) around a host unit,
 * with its 15-digit code, households, grid workers (usernames) and party organisation (一格一支部).
 * The geometry is a Polygon or MultiPolygon in WGS-84 (x = longitude, y = latitude).
 */
public record Grid(String code, String name, GridKind kind, SpecialKind specialKind, long villageId, long townId,
		String hostUnit, Integer households, String partyOrganisation, List<String> workers, Geometry geometry) {

	public Grid {
		workers = workers == null ? List.of() : List.copyOf(workers);
	}

	public GridRef ref() {
		return new GridRef(code, name, kind, specialKind, villageId, townId);
	}

	public boolean isBasic() {
		return kind == GridKind.BASIC;
	}
}
