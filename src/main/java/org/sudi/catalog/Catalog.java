package org.sudi.catalog;

import java.util.List;
import java.util.Optional;

/** Reads the category tree and the duty list. */
public interface Catalog {

	List<Category> categories();

	boolean categoryExists(String code);

	Optional<DutyItem> duty(long id);

	/**
	 * Duty items of one unit (or all units when {@code orgId} is null) whose title or keywords match
	 * {@code query} (all when blank), the best matches first.
	 */
	List<DutyItem> searchDuties(Long orgId, String query, int limit);
}
