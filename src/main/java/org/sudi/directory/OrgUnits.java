package org.sudi.directory;

import java.util.List;
import java.util.Optional;

/** Looks up organisation units. */
public interface OrgUnits {

	Optional<OrgUnit> find(long id);

	/** @throws org.sudi.platform.NotFoundException when there is no such unit */
	OrgUnit get(long id);

	Optional<OrgUnit> findByCode(String code);

	List<OrgUnit> all();

	/**
	 * The town an account's unit belongs to: the unit itself for a town, its parent for a village.
	 */
	default Optional<Long> townOf(Long orgId) {
		if (orgId == null) {
			return Optional.empty();
		}
		return find(orgId).flatMap(org -> switch (org.kind()) {
			case TOWN -> Optional.of(org.id());
			case VILLAGE -> Optional.ofNullable(org.parentId());
			default -> Optional.empty();
		});
	}
}
