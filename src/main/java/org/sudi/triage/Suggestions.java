package org.sudi.triage;

import java.util.List;

/** Ranked categories and units for a text, each unit with its duty-list basis and the matched words. */
public record Suggestions(List<CategorySuggestion> categories, List<UnitSuggestion> units) {

	public record CategorySuggestion(String code, String name, double score) {
	}

	public record UnitSuggestion(long orgId, String name, double score, Long dutyId, String dutyTitle,
			List<String> matched) {
	}
}
