package org.sudi.triage.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * How alike two short Chinese texts are, as the Dice coefficient of their character bigrams after
 * dropping punctuation, spaces and digits' formatting: robust to re-ordered clauses, small edits and
 * added politeness ("请尽快处理"), cheap enough to compare a new case against every nearby open one.
 */
public final class TextSimilarity {

	private TextSimilarity() {
	}

	public static double dice(String a, String b) {
		Set<String> x = bigrams(a);
		Set<String> y = bigrams(b);
		if (x.isEmpty() || y.isEmpty()) {
			return 0;
		}
		int common = 0;
		for (String g : x) {
			if (y.contains(g)) {
				common++;
			}
		}
		return 2.0 * common / (x.size() + y.size());
	}

	static Set<String> bigrams(String text) {
		StringBuilder clean = new StringBuilder();
		if (text != null) {
			text.codePoints()
				.filter(cp -> Character.isLetterOrDigit(cp))
				.map(Character::toLowerCase)
				.forEach(clean::appendCodePoint);
		}
		Set<String> grams = new HashSet<>();
		int[] cps = clean.codePoints().toArray();
		for (int i = 0; i + 1 < cps.length; i++) {
			grams.add(new String(cps, i, 2));
		}
		return grams;
	}
}
