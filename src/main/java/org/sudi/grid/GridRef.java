package org.sudi.grid;

/** A grid as a located point names it. */
public record GridRef(String code, String name, GridKind kind, SpecialKind specialKind, long villageId, long townId) {
}
