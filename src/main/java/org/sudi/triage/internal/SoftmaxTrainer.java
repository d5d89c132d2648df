package org.sudi.triage.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Multinomial logistic regression fitted by L-BFGS.
 *
 * <p>Objective (same convention as the SVM, C multiplies the loss):
 * {@code f(W, b) = sum_i C_i * -log softmax(W x_i + b)[y_i] + 1/2 |W|^2}; biases are not
 * regularised. Gradient: {@code dF/dW_l = sum_i C_i (p_il - [y_i = l]) x_i + W_l}.
 */
final class SoftmaxTrainer {
	private static final int HISTORY = 7;
	private static final double ARMIJO = 1e-4;

	private SoftmaxTrainer() {
	}

	static LinearWeights train(List<SparseVector> xs, int[] y, double[] cost, int labels, int dimension,
							   TrainOptions options) {
		Objective objective = new Objective(xs, y, cost, labels, dimension);
		double[] theta = minimize(objective, labels * (dimension + 1), options.maxEpochs(), options.tolerance());
		float[][] w = new float[labels][dimension];
		float[] b = new float[labels];
		for (int l = 0; l < labels; l++) {
			int base = l * (dimension + 1);
			for (int j = 0; j < dimension; j++) {
				w[l][j] = (float) theta[base + j];
			}
			b[l] = (float) theta[base + dimension];
		}
		return new LinearWeights(w, b);
	}

	/** Loss and gradient; parameters laid out label by label, bias last within a label. */
	private record Objective(List<SparseVector> xs, int[] y, double[] cost, int labels, int dimension) {

		double evaluate(double[] theta, double[] grad) {
			java.util.Arrays.fill(grad, 0);
			int stride = dimension + 1;
			double loss = 0;
			double[] scores = new double[labels];
			for (int i = 0; i < xs.size(); i++) {
				if (cost[i] <= 0) {
					continue;
				}
				SparseVector x = xs.get(i);
				double max = Double.NEGATIVE_INFINITY;
				for (int l = 0; l < labels; l++) {
					int base = l * stride;
					double s = theta[base + dimension];
					int[] idx = x.indices();
					float[] val = x.values();
					for (int k = 0; k < idx.length; k++) {
						s += val[k] * theta[base + idx[k]];
					}
					scores[l] = s;
					max = Math.max(max, s);
				}
				double z = 0;
				for (int l = 0; l < labels; l++) {
					z += Math.exp(scores[l] - max);
				}
				double logZ = max + Math.log(z);
				loss += cost[i] * (logZ - scores[y[i]]);
				for (int l = 0; l < labels; l++) {
					double coef = cost[i] * (Math.exp(scores[l] - logZ) - (l == y[i] ? 1 : 0));
					int base = l * stride;
					int[] idx = x.indices();
					float[] val = x.values();
					for (int k = 0; k < idx.length; k++) {
						grad[base + idx[k]] += coef * val[k];
					}
					grad[base + dimension] += coef;
				}
			}
			for (int l = 0; l < labels; l++) {
				int base = l * stride;
				for (int j = 0; j < dimension; j++) {
					double t = theta[base + j];
					loss += 0.5 * t * t;
					grad[base + j] += t;
				}
			}
			return loss;
		}
	}

	/**
	 * Plain L-BFGS (two-loop recursion) with a backtracking Armijo line search. Stops when the
	 * gradient norm fell below {@code tolerance} times its initial value.
	 */
	private static double[] minimize(Objective objective, int size, int maxIterations, double tolerance) {
		double[] x = new double[size];
		double[] g = new double[size];
		double f = objective.evaluate(x, g);
		double g0 = norm(g);
		Deque<double[]> sHistory = new ArrayDeque<>();
		Deque<double[]> yHistory = new ArrayDeque<>();
		Deque<Double> rhoHistory = new ArrayDeque<>();
		double[] xNew = new double[size];
		double[] gNew = new double[size];
		for (int iter = 0; iter < maxIterations && norm(g) > tolerance * g0; iter++) {
			double[] d = direction(g, sHistory, yHistory, rhoHistory);
			double slope = dot(g, d);
			if (slope >= 0) { // not a descent direction: restart from steepest descent
				sHistory.clear();
				yHistory.clear();
				rhoHistory.clear();
				for (int j = 0; j < size; j++) {
					d[j] = -g[j];
				}
				slope = dot(g, d);
			}
			double step = sHistory.isEmpty() ? 1.0 / Math.max(1.0, norm(g)) : 1.0;
			double fNew;
			while (true) {
				for (int j = 0; j < size; j++) {
					xNew[j] = x[j] + step * d[j];
				}
				fNew = objective.evaluate(xNew, gNew);
				if (fNew <= f + ARMIJO * step * slope || step < 1e-12) {
					break;
				}
				step *= 0.5;
			}
			double[] s = new double[size];
			double[] yv = new double[size];
			for (int j = 0; j < size; j++) {
				s[j] = xNew[j] - x[j];
				yv[j] = gNew[j] - g[j];
			}
			double sy = dot(s, yv);
			if (sy > 1e-12) {
				sHistory.addLast(s);
				yHistory.addLast(yv);
				rhoHistory.addLast(1.0 / sy);
				if (sHistory.size() > HISTORY) {
					sHistory.removeFirst();
					yHistory.removeFirst();
					rhoHistory.removeFirst();
				}
			}
			System.arraycopy(xNew, 0, x, 0, size);
			System.arraycopy(gNew, 0, g, 0, size);
			boolean stalled = Math.abs(f - fNew) <= 1e-10 * Math.max(1.0, Math.abs(f));
			f = fNew;
			if (stalled) {
				break;
			}
		}
		return x;
	}

	/** Two-loop recursion: returns -H g where H approximates the inverse Hessian. */
	private static double[] direction(double[] g, Deque<double[]> sHistory, Deque<double[]> yHistory,
									  Deque<Double> rhoHistory) {
		int m = sHistory.size();
		double[][] s = sHistory.toArray(new double[0][]);
		double[][] yv = yHistory.toArray(new double[0][]);
		Double[] rho = rhoHistory.toArray(new Double[0]);
		double[] q = g.clone();
		double[] a = new double[m];
		for (int k = m - 1; k >= 0; k--) {
			a[k] = rho[k] * dot(s[k], q);
			axpy(-a[k], yv[k], q);
		}
		if (m > 0) { // initial Hessian scaling gamma = s'y / y'y
			double gamma = dot(s[m - 1], yv[m - 1]) / dot(yv[m - 1], yv[m - 1]);
			for (int j = 0; j < q.length; j++) {
				q[j] *= gamma;
			}
		}
		for (int k = 0; k < m; k++) {
			double beta = rho[k] * dot(yv[k], q);
			axpy(a[k] - beta, s[k], q);
		}
		for (int j = 0; j < q.length; j++) {
			q[j] = -q[j];
		}
		return q;
	}

	private static double dot(double[] a, double[] b) {
		double s = 0;
		for (int j = 0; j < a.length; j++) {
			s += a[j] * b[j];
		}
		return s;
	}

	private static double norm(double[] a) {
		return Math.sqrt(dot(a, a));
	}

	private static void axpy(double alpha, double[] x, double[] y) {
		for (int j = 0; j < x.length; j++) {
			y[j] += alpha * x[j];
		}
	}
}
