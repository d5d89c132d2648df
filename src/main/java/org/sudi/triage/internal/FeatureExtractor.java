package org.sudi.triage.internal;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.other.CharTable;
import com.hankcs.hanlp.dictionary.stopword.CoreStopWordDictionary;
import com.hankcs.hanlp.seg.common.Term;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a (title, text) pair into raw weighted term counts, keyed by block prefix + term
 * (see {@link FeatureOptions}). Stateless apart from its options; thread-safe.
 */
public final class FeatureExtractor {
	private final FeatureOptions options;

	public FeatureExtractor(FeatureOptions options) {
		this.options = options;
	}

	public FeatureOptions options() {
		return options;
	}

	/** Raw term counts of a message; keys are "w:word", "c:ngram" or "t:word". */
	public Map<String, Double> extract(String title, String text) {
		Map<String, Double> counts = new HashMap<>();
		String t = normalize(title);
		String body = normalize(text);
		if (options.wordWeight() > 0 || options.titleWordWeight() > 0) {
			List<String> titleWords = words(t);
			if (options.wordWeight() > 0) {
				addAll(counts, FeatureOptions.WORD_BLOCK, titleWords, options.titleRepeat());
				addAll(counts, FeatureOptions.WORD_BLOCK, words(body), 1);
			}
			if (options.titleWordWeight() > 0) {
				addAll(counts, FeatureOptions.TITLE_BLOCK, titleWords, 1);
			}
		}
		if (options.charWeight() > 0) {
			addCharNgrams(counts, t, options.titleRepeat());
			addCharNgrams(counts, body, 1);
		}
		return counts;
	}

	/** Full-width to half-width, traditional to simplified, upper to lower case (HanLP's char table). */
	static String normalize(String s) {
		return s == null || s.isEmpty() ? "" : CharTable.convert(s);
	}

	/** HanLP words worth keeping as features: no punctuation, numbers, Latin codes or stop words. */
	List<String> words(String normalized) {
		if (normalized.isEmpty()) {
			return List.of();
		}
		List<Term> terms = HanLP.segment(normalized);
		return terms.stream()
				.filter(term -> term.word.length() >= options.minWordLength())
				.filter(term -> containsHan(term.word))
				.filter(term -> !CoreStopWordDictionary.contains(term.word))
				.map(term -> term.word)
				.toList();
	}

	private static void addAll(Map<String, Double> counts, char block, List<String> terms, double weight) {
		for (String term : terms) {
			counts.merge(block + ":" + term, weight, Double::sum);
		}
	}

	/** Character n-grams inside maximal runs of Han characters (n-grams never cross punctuation). */
	private void addCharNgrams(Map<String, Double> counts, String s, double weight) {
		int i = 0;
		while (i < s.length()) {
			if (!isHan(s.charAt(i))) {
				i++;
				continue;
			}
			int start = i;
			while (i < s.length() && isHan(s.charAt(i))) {
				i++;
			}
			for (int a = start; a < i; a++) {
				for (int n = options.charMinN(); n <= options.charMaxN() && a + n <= i; n++) {
					counts.merge(FeatureOptions.CHAR_BLOCK + ":" + s.substring(a, a + n), weight, Double::sum);
				}
			}
		}
	}

	private static boolean containsHan(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (isHan(s.charAt(i))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isHan(char c) {
		return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
	}
}
