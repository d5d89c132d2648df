package org.sudi.catalog;

/** A node of the two-level category tree; {@code parentCode} is null at the first level. */
public record Category(String code, String name, String parentCode) {
}
