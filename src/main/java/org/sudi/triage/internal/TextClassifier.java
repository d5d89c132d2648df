package org.sudi.triage.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Entry point for building a {@link TriageModel} from weighted labelled documents.
 *
 * <pre>{@code
 * TextClassifier.Builder b = TextClassifier.builder(FeatureOptions.defaults(), TrainOptions.defaults())
 *         .background(documentFrequencies);            // optional, IDF statistics from unlabelled text
 * b.add(title, text, label, 1.0);                      // history, one call per message
 * b.add(dutyTitle, dutyKeywords, category, 0.3);       // weak documents, e.g. duty list items
 * TriageModel model = b.build();
 * }</pre>
 */
public final class TextClassifier {

	private TextClassifier() {
	}

	public static Builder builder(FeatureOptions features, TrainOptions training) {
		return new Builder(features, training);
	}

	public static Builder builder() {
		return builder(FeatureOptions.defaults(), TrainOptions.defaults());
	}

	/** Collects documents; not thread-safe. Terms are interned as they arrive to keep memory low. */
	public static final class Builder {
		private final FeatureOptions features;
		private final TrainOptions training;
		private final FeatureExtractor extractor;
		private DocumentFrequencies background;

		private final Map<String, Integer> termIds = new HashMap<>();
		private final List<String> termList = new ArrayList<>();
		private final List<int[]> docTerms = new ArrayList<>();
		private final List<float[]> docCounts = new ArrayList<>();
		private final List<String> docLabels = new ArrayList<>();
		private final List<Double> docWeights = new ArrayList<>();

		private Builder(FeatureOptions features, TrainOptions training) {
			this.features = features;
			this.training = training;
			this.extractor = new FeatureExtractor(features);
			this.background = DocumentFrequencies.empty(features);
		}

		/** IDF statistics from an unlabelled corpus, extracted with the same feature options. */
		public Builder background(DocumentFrequencies frequencies) {
			if (!frequencies.options().equals(features)) {
				throw new IllegalArgumentException("background frequencies use different feature options");
			}
			this.background = frequencies;
			return this;
		}

		/**
		 * Adds one training document.
		 *
		 * @param weight relative importance (1 for a real labelled message; smaller for weak
		 *               documents such as duty list items); must be positive
		 */
		public Builder add(String title, String text, String label, double weight) {
			if (label == null || label.isBlank()) {
				throw new IllegalArgumentException("label is required");
			}
			if (!(weight > 0) || Double.isInfinite(weight)) {
				throw new IllegalArgumentException("weight must be positive: " + weight);
			}
			Map<String, Double> counts = extractor.extract(title, text);
			int[] ids = new int[counts.size()];
			float[] values = new float[counts.size()];
			int k = 0;
			for (Map.Entry<String, Double> e : counts.entrySet()) {
				Integer id = termIds.get(e.getKey());
				if (id == null) {
					id = termList.size();
					termIds.put(e.getKey(), id);
					termList.add(e.getKey());
				}
				ids[k] = id;
				values[k] = e.getValue().floatValue();
				k++;
			}
			docTerms.add(ids);
			docCounts.add(values);
			docLabels.add(label);
			docWeights.add(weight);
			return this;
		}

		public int size() {
			return docLabels.size();
		}

		public TriageModel build() {
			if (docLabels.isEmpty()) {
				throw new IllegalStateException("no training documents");
			}
			String[] labels = new TreeSet<>(docLabels).toArray(String[]::new);
			Map<String, Integer> labelIndex = new HashMap<>();
			for (int i = 0; i < labels.length; i++) {
				labelIndex.put(labels[i], i);
			}

			Vectorizer vectorizer = buildVectorizer();
			int[] remap = new int[termList.size()];
			Arrays.fill(remap, -1);
			Map<String, Integer> vocabIndex = new HashMap<>();
			for (int i = 0; i < vectorizer.dimension(); i++) {
				vocabIndex.put(vectorizer.term(i), i);
			}
			for (int id = 0; id < termList.size(); id++) {
				remap[id] = vocabIndex.getOrDefault(termList.get(id), -1);
			}

			int n = docLabels.size();
			List<SparseVector> xs = new ArrayList<>(n);
			int[] y = new int[n];
			double[] cost = new double[n];
			double[] labelWeight = new double[labels.length];
			for (int i = 0; i < n; i++) {
				xs.add(vectorizer.vectorize(docTerms.get(i), docCounts.get(i), remap));
				y[i] = labelIndex.get(docLabels.get(i));
				cost[i] = training.c() * docWeights.get(i);
				labelWeight[y[i]] += docWeights.get(i);
			}
			if (training.balanceClasses()) {
				// every label gets the same total cost as an average label would
				double mean = Arrays.stream(labelWeight).sum() / labels.length;
				for (int i = 0; i < n; i++) {
					cost[i] *= mean / labelWeight[y[i]];
				}
			}
			LinearWeights weights = switch (training.algorithm()) {
				case SVM_OVR -> SvmTrainer.train(xs, y, cost, labels.length, vectorizer.dimension(), training);
				case SOFTMAX -> SoftmaxTrainer.train(xs, y, cost, labels.length, vectorizer.dimension(), training);
			};
			// softmax scores are log-probabilities already; margins of the SVM need a temperature
			double scoreScale = training.algorithm() == TrainOptions.Algorithm.SOFTMAX ? 1.0 : training.scoreScale();
			return new TriageModel(vectorizer, labels, weights, scoreScale);
		}

		/** Vocabulary = terms in >= minDf training documents, most frequent first, capped; IDF over training + background. */
		private Vectorizer buildVectorizer() {
			int[] df = new int[termList.size()];
			for (int[] ids : docTerms) {
				for (int id : ids) {
					df[id]++;
				}
			}
			Integer[] candidates = new Integer[termList.size()];
			int m = 0;
			for (int id = 0; id < df.length; id++) {
				if (df[id] >= features.minDf()) {
					candidates[m++] = id;
				}
			}
			candidates = Arrays.copyOf(candidates, m);
			Arrays.sort(candidates, Comparator.<Integer>comparingInt(id -> -df[id]).thenComparing(termList::get));
			int size = Math.min(candidates.length, features.maxFeatures());
			// store the vocabulary in term order: deterministic and friendlier to compression
			TreeMap<String, Integer> chosen = new TreeMap<>();
			for (int k = 0; k < size; k++) {
				chosen.put(termList.get(candidates[k]), candidates[k]);
			}
			String[] terms = new String[size];
			float[] idf = new float[size];
			int documents = docTerms.size() + background.documents();
			int k = 0;
			for (Map.Entry<String, Integer> e : chosen.entrySet()) {
				terms[k] = e.getKey();
				idf[k] = Vectorizer.idf(documents, df[e.getValue()] + background.frequency(e.getKey()));
				k++;
			}
			return new Vectorizer(features, terms, idf);
		}
	}
}
