package org.sudi.catalog;

import java.util.List;

/** One item of a unit's duty list: what the unit is responsible for, the basis of a dispatch. */
public record DutyItem(long id, long orgId, String title, List<String> keywords, List<String> categoryCodes) {
}
