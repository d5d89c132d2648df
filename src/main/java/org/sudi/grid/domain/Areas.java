package org.sudi.grid.domain;

import org.locationtech.jts.geom.Geometry;

/**
 * Areas and lengths of small WGS-84 geometries in metres, by the local equirectangular approximation
 * (good to well under 1 % at the size of a district).
 */
public final class Areas {

	private static final double METRES_PER_DEGREE = 111_320.0;

	private Areas() {
	}

	public static double squareMetres(Geometry g) {
		if (g == null || g.isEmpty()) {
			return 0;
		}
		double lat = g.getEnvelopeInternal().centre().y;
		return g.getArea() * METRES_PER_DEGREE * METRES_PER_DEGREE * Math.cos(Math.toRadians(lat));
	}

	public static double degreesLatitude(double metres) {
		return metres / METRES_PER_DEGREE;
	}

	public static double degreesLongitude(double metres, double atLatitude) {
		return metres / (METRES_PER_DEGREE * Math.cos(Math.toRadians(atLatitude)));
	}
}
