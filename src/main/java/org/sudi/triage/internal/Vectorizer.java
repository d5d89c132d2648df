package org.sudi.triage.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps raw term counts to TF-IDF vectors over a fixed vocabulary.
 *
 * <p>For a term with (weighted) count {@code tf} the value is
 * {@code (1 + ln tf) * idf} (sublinear tf; counts below 1 are used as they are), with the
 * smoothed {@code idf = ln((1 + N) / (1 + df)) + 1}. Each block (words, char n-grams,
 * title words) is scaled to unit L2 norm, multiplied by its block weight, and the whole
 * vector is divided by the root of the summed squared weights of the non-empty blocks,
 * so every non-empty vector has unit norm.
 */
public final class Vectorizer {
	private final FeatureOptions options;
	private final String[] terms;
	private final float[] idf;
	private final Map<String, Integer> index;

	public Vectorizer(FeatureOptions options, String[] terms, float[] idf) {
		if (terms.length != idf.length) {
			throw new IllegalArgumentException("terms and idf differ in length");
		}
		this.options = options;
		this.terms = terms;
		this.idf = idf;
		this.index = new HashMap<>(terms.length * 2);
		for (int i = 0; i < terms.length; i++) {
			index.put(terms[i], i);
		}
	}

	public static float idf(int documents, int documentFrequency) {
		return (float) (Math.log((1.0 + documents) / (1.0 + documentFrequency)) + 1.0);
	}

	public FeatureOptions options() {
		return options;
	}

	public int dimension() {
		return terms.length;
	}

	public String term(int featureIndex) {
		return terms[featureIndex];
	}

	String[] terms() {
		return terms;
	}

	float[] idf() {
		return idf;
	}

	/** TF-IDF vector of raw term counts (terms outside the vocabulary are ignored). */
	public SparseVector vectorize(Map<String, Double> counts) {
		int[] idx = new int[counts.size()];
		double[] tf = new double[counts.size()];
		int n = 0;
		for (Map.Entry<String, Double> e : counts.entrySet()) {
			Integer i = index.get(e.getKey());
			if (i != null) {
				idx[n] = i;
				tf[n] = e.getValue();
				n++;
			}
		}
		return weigh(idx, tf, n);
	}

	/**
	 * Same as {@link #vectorize(Map)} for counts already interned by a builder:
	 * {@code remap[termId]} is the vocabulary index of a builder term id, or -1.
	 */
	SparseVector vectorize(int[] termIds, float[] counts, int[] remap) {
		int[] idx = new int[termIds.length];
		double[] tf = new double[termIds.length];
		int n = 0;
		for (int k = 0; k < termIds.length; k++) {
			int i = remap[termIds[k]];
			if (i >= 0) {
				idx[n] = i;
				tf[n] = counts[k];
				n++;
			}
		}
		return weigh(idx, tf, n);
	}

	/** Applies sublinear tf, idf and the block-wise normalisation to the first n entries. */
	private SparseVector weigh(int[] idx, double[] tf, int n) {
		double[] val = new double[n];
		double[] blockNorm2 = new double[128];
		for (int k = 0; k < n; k++) {
			double t = tf[k];
			val[k] = t <= 0 ? 0 : (t >= 1 ? 1 + Math.log(t) : t) * idf[idx[k]];
			blockNorm2[block(idx[k])] += val[k] * val[k];
		}
		double weightNorm2 = 0;
		for (char b = 0; b < blockNorm2.length; b++) {
			if (blockNorm2[b] > 0) {
				weightNorm2 += options.blockWeight(b) * options.blockWeight(b);
			}
		}
		if (weightNorm2 == 0) {
			return SparseVector.EMPTY;
		}
		double overall = Math.sqrt(weightNorm2);
		long[] packed = new long[n]; // (index << 32 | position) sorts entries by index
		for (int k = 0; k < n; k++) {
			packed[k] = ((long) idx[k] << 32) | k;
		}
		Arrays.sort(packed);
		int[] outIdx = new int[n];
		float[] outVal = new float[n];
		int m = 0;
		for (long p : packed) {
			int k = (int) p;
			char b = block(idx[k]);
			double scale = options.blockWeight(b) / Math.sqrt(blockNorm2[b]) / overall;
			if (val[k] * scale != 0) {
				outIdx[m] = idx[k];
				outVal[m] = (float) (val[k] * scale);
				m++;
			}
		}
		return new SparseVector(Arrays.copyOf(outIdx, m), Arrays.copyOf(outVal, m));
	}

	private char block(int featureIndex) {
		return (char) (terms[featureIndex].charAt(0) & 0x7f);
	}
}
