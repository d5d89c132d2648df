package org.sudi.triage.internal;

import java.util.List;

/**
 * One ranked suggestion: a label, its score (a pseudo-probability, all scores of one
 * suggestion list sum to at most 1) and the terms of the message that pushed the
 * message most towards this label, best first (shown to the dispatcher as explanation).
 */
public record Scored(String label, double score, List<String> matchedTerms) {
	public Scored {
		matchedTerms = List.copyOf(matchedTerms);
	}
}
