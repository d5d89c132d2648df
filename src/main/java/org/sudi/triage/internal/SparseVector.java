package org.sudi.triage.internal;

/** An immutable sparse vector: strictly increasing feature indices and their values. */
public record SparseVector(int[] indices, float[] values) {

	public static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

	public int size() {
		return indices.length;
	}

	/** Dot product with a dense vector. */
	public double dot(float[] dense) {
		double sum = 0;
		for (int k = 0; k < indices.length; k++) {
			sum += values[k] * dense[indices[k]];
		}
		return sum;
	}

	public double dot(double[] dense) {
		double sum = 0;
		for (int k = 0; k < indices.length; k++) {
			sum += values[k] * dense[indices[k]];
		}
		return sum;
	}

	public double squaredNorm() {
		double sum = 0;
		for (float v : values) {
			sum += (double) v * v;
		}
		return sum;
	}

	/** dense += scale * this */
	public void addTo(double[] dense, double scale) {
		for (int k = 0; k < indices.length; k++) {
			dense[indices[k]] += scale * values[k];
		}
	}
}
