package org.sudi.directory;

/** One organisation unit; {@code parentId} is the town of a village, the district of a town. */
public record OrgUnit(long id, String code, String name, OrgKind kind, Long parentId) {

	public boolean isVillageOf(long townId) {
		return kind == OrgKind.VILLAGE && parentId != null && parentId == townId;
	}
}
