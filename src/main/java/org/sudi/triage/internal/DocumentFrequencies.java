package org.sudi.triage.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Document frequencies of terms over a (typically large, unlabelled) background corpus.
 * Only used for IDF statistics, never for labels. Terms are keyed exactly as
 * {@link FeatureExtractor#extract} keys them, so the extractor options must match those of
 * the classifier that uses these statistics.
 */
public final class DocumentFrequencies {
	private final FeatureOptions options;
	private final Map<String, Integer> counts;
	private final int documents;

	private DocumentFrequencies(FeatureOptions options, Map<String, Integer> counts, int documents) {
		this.options = options;
		this.counts = counts;
		this.documents = documents;
	}

	public static DocumentFrequencies empty(FeatureOptions options) {
		return new DocumentFrequencies(options, Map.of(), 0);
	}

	public FeatureOptions options() {
		return options;
	}

	public int documents() {
		return documents;
	}

	public int frequency(String term) {
		return counts.getOrDefault(term, 0);
	}

	public static Builder builder(FeatureOptions options) {
		return new Builder(options);
	}

	public static final class Builder {
		private final FeatureExtractor extractor;
		private final Map<String, Integer> counts = new HashMap<>();
		private int documents;

		private Builder(FeatureOptions options) {
			this.extractor = new FeatureExtractor(options);
		}

		public Builder add(String title, String text) {
			for (String term : extractor.extract(title, text).keySet()) {
				counts.merge(term, 1, Integer::sum);
			}
			documents++;
			return this;
		}

		/**
		 * @param minCount terms seen in fewer background documents are dropped (they then count
		 *                 as unseen, which changes their IDF very little but saves much memory)
		 */
		public DocumentFrequencies build(int minCount) {
			Map<String, Integer> kept = new HashMap<>();
			counts.forEach((term, n) -> {
				if (n >= minCount) {
					kept.put(term, n);
				}
			});
			return new DocumentFrequencies(extractor.options(), kept, documents);
		}
	}
}
