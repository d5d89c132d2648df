package org.sudi.triage.internal;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * One-vs-rest linear SVM with squared hinge loss and L2 regularisation, solved in the dual by
 * coordinate descent (Hsieh et al. 2008, "A dual coordinate descent method for large-scale
 * linear SVM"; LIBLINEAR solver 1 without shrinking).
 *
 * <p>Primal per label: {@code min 1/2 |w|^2 + sum_i C_i max(0, 1 - y_i w.x_i)^2}, where the bias
 * is an extra feature of constant value 1 (regularised like LIBLINEAR). The dual is
 * {@code min 1/2 a'(Q + D)a - e'a, a >= 0} with {@code Q_ij = y_i y_j x_i.x_j},
 * {@code D_ii = 1 / (2 C_i)}; we keep {@code w = sum_i a_i y_i x_i} up to date so that the
 * gradient of coordinate i is {@code G = y_i w.x_i - 1 + D_ii a_i}.
 */
final class SvmTrainer {
	private static final double BIAS_FEATURE = 1.0;

	private SvmTrainer() {
	}

	static LinearWeights train(List<SparseVector> xs, int[] y, double[] cost, int labels, int dimension,
							   TrainOptions options) {
		float[][] w = new float[labels][];
		float[] b = new float[labels];
		// labels are independent problems: fit them in parallel
		IntStream.range(0, labels).parallel().forEach(label -> {
			double[] wb = trainBinary(xs, y, cost, label, dimension, options);
			float[] wl = new float[dimension];
			for (int j = 0; j < dimension; j++) {
				wl[j] = (float) wb[j];
			}
			w[label] = wl;
			b[label] = (float) wb[dimension];
		});
		return new LinearWeights(w, b);
	}

	/** @return weights with the bias in the last slot */
	private static double[] trainBinary(List<SparseVector> xs, int[] y, double[] cost, int positive,
										int dimension, TrainOptions options) {
		int n = xs.size();
		double[] w = new double[dimension + 1];
		double[] alpha = new double[n];
		double[] diag = new double[n];   // D_ii
		double[] qii = new double[n];    // Q_ii + D_ii
		for (int i = 0; i < n; i++) {
			diag[i] = cost[i] > 0 ? 0.5 / cost[i] : Double.POSITIVE_INFINITY;
			qii[i] = xs.get(i).squaredNorm() + BIAS_FEATURE * BIAS_FEATURE + diag[i];
		}
		int[] order = IntStream.range(0, n).toArray();
		Random random = new Random(options.seed() + positive);
		for (int epoch = 0; epoch < options.maxEpochs(); epoch++) {
			shuffle(order, random);
			double maxPg = Double.NEGATIVE_INFINITY;
			double minPg = Double.POSITIVE_INFINITY;
			for (int i : order) {
				if (cost[i] <= 0) {
					continue;
				}
				SparseVector x = xs.get(i);
				double yi = y[i] == positive ? 1.0 : -1.0;
				double g = yi * (x.dot(w) + w[dimension] * BIAS_FEATURE) - 1.0 + diag[i] * alpha[i];
				// projected gradient for the bound alpha >= 0
				double pg = alpha[i] == 0 ? Math.min(g, 0) : g;
				maxPg = Math.max(maxPg, pg);
				minPg = Math.min(minPg, pg);
				if (Math.abs(pg) > 1e-12) {
					double old = alpha[i];
					alpha[i] = Math.max(old - g / qii[i], 0.0);
					double delta = (alpha[i] - old) * yi;
					x.addTo(w, delta);
					w[dimension] += delta * BIAS_FEATURE;
				}
			}
			if (maxPg - minPg < options.tolerance()) {
				break;
			}
		}
		return w;
	}

	private static void shuffle(int[] a, Random random) {
		for (int i = a.length - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = a[i];
			a[i] = a[j];
			a[j] = t;
		}
	}
}
