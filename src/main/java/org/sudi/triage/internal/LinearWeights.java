package org.sudi.triage.internal;

/** Weights {@code w[label][feature]} and biases {@code b[label]} of a linear scorer. */
public record LinearWeights(float[][] w, float[] b) {

	public int labels() {
		return b.length;
	}

	public double score(int label, SparseVector x) {
		return x.dot(w[label]) + b[label];
	}
}
