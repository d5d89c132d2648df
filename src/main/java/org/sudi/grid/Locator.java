package org.sudi.grid;

/**
 * Locates a WGS-84 point in the district's grids, from an in-memory spatial index that every node
 * keeps up to date with the grids in the database (ADR 0010).
 */
public interface Locator {

	Placement locate(double lat, double lon);

	/** False while the district has no basic grids: then no point can be said to lie outside it. */
	boolean hasGeography();
}
