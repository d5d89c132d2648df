package org.sudi.casework.domain;

/** Where the problem is: a point (WGS-84) and/or a text address, so there is always a way without a map. */
public record Location(Double lat, Double lon, String address) {
}
