package org.sudi.triage.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A trained linear text classifier: TF-IDF vectorizer + one weight vector per label.
 * Immutable and thread-safe. Persist with {@link ModelCodec}.
 */
public final class TriageModel {
	/** How many explanation terms each suggestion carries at most. */
	public static final int MATCHED_TERMS = 5;

	private final Vectorizer vectorizer;
	private final FeatureExtractor extractor;
	private final String[] labels;
	private final LinearWeights weights;
	private final double scoreScale;

	TriageModel(Vectorizer vectorizer, String[] labels, LinearWeights weights, double scoreScale) {
		if (labels.length != weights.labels()) {
			throw new IllegalArgumentException("label count does not match weights");
		}
		this.vectorizer = vectorizer;
		this.extractor = new FeatureExtractor(vectorizer.options());
		this.labels = labels.clone();
		this.weights = weights;
		this.scoreScale = scoreScale;
	}

	public List<String> labels() {
		return List.of(labels);
	}

	/**
	 * The {@code k} most likely labels for a message, best first. Scores are a softmax of the
	 * linear scores ({@code scoreScale} sharpens it for margin-based models), so they are
	 * comparable across messages but only roughly calibrated.
	 */
	public List<Scored> suggest(String title, String text, int k) {
		Map<String, Double> counts = extractor.extract(title, text);
		SparseVector x = vectorizer.vectorize(counts);
		double[] raw = new double[labels.length];
		double max = Double.NEGATIVE_INFINITY;
		for (int l = 0; l < labels.length; l++) {
			raw[l] = weights.score(l, x);
			max = Math.max(max, raw[l]);
		}
		double z = 0;
		double[] prob = new double[labels.length];
		for (int l = 0; l < labels.length; l++) {
			prob[l] = Math.exp(scoreScale * (raw[l] - max));
			z += prob[l];
		}
		Integer[] order = new Integer[labels.length];
		for (int l = 0; l < labels.length; l++) {
			order[l] = l;
		}
		Arrays.sort(order, Comparator.<Integer>comparingDouble(l -> -raw[l]).thenComparing(l -> labels[l]));
		List<Scored> out = new ArrayList<>(Math.min(k, labels.length));
		for (int r = 0; r < Math.min(k, labels.length); r++) {
			int l = order[r];
			out.add(new Scored(labels[l], prob[l] / z, matchedTerms(x, l)));
		}
		return out;
	}

	/**
	 * Terms with the largest positive contribution {@code x_j * w_lj} to the score of label l,
	 * without block prefixes; a term contained in an already chosen term is skipped.
	 */
	private List<String> matchedTerms(SparseVector x, int label) {
		int[] idx = x.indices();
		float[] val = x.values();
		float[] w = weights.w()[label];
		Integer[] order = new Integer[idx.length];
		for (int k = 0; k < idx.length; k++) {
			order[k] = k;
		}
		Arrays.sort(order, Comparator.comparingDouble(k -> -(double) val[k] * w[idx[k]]));
		List<String> terms = new ArrayList<>(MATCHED_TERMS);
		for (int k : order) {
			if (terms.size() == MATCHED_TERMS || val[k] * w[idx[k]] <= 0) {
				break;
			}
			String term = vectorizer.term(idx[k]).substring(2);
			if (terms.stream().noneMatch(t -> t.contains(term))) {
				terms.removeIf(term::contains); // a longer term replaces its parts
				terms.add(term);
			}
		}
		return terms;
	}

	/** Number of features (vocabulary size). */
	public int vectorizerDimension() {
		return vectorizer.dimension();
	}

	Vectorizer vectorizer() {
		return vectorizer;
	}

	LinearWeights weights() {
		return weights;
	}

	double scoreScale() {
		return scoreScale;
	}

	String[] labelArray() {
		return labels.clone();
	}
}
