package org.sudi.triage.internal;

/**
 * How the linear model is fitted.
 *
 * @param algorithm       the loss / optimiser
 * @param c               inverse regularisation strength (bigger = less regularised); a
 *                        document of weight w gets the per-example cost {@code c * w}
 * @param maxEpochs       upper bound on passes over the data
 * @param tolerance       stopping tolerance of the optimiser
 * @param balanceClasses  scale example costs so that every label has the same total weight
 * @param scoreScale      temperature for turning raw scores into displayed probabilities
 * @param seed            seed of the example order in the optimiser (builds are deterministic)
 */
public record TrainOptions(Algorithm algorithm, double c, int maxEpochs, double tolerance,
						   boolean balanceClasses, double scoreScale, long seed) {

	public enum Algorithm {
		/** One-vs-rest L2-regularised squared-hinge SVM, dual coordinate descent (LIBLINEAR's -s 1). */
		SVM_OVR,
		/** Multinomial logistic regression (softmax) with L2, fitted by L-BFGS. */
		SOFTMAX
	}

	public static TrainOptions defaults() {
		return new TrainOptions(Algorithm.SVM_OVR, 1.0, 200, 0.01, false, 5.0, 17L);
	}

	public TrainOptions withAlgorithm(Algorithm a) {
		return new TrainOptions(a, c, maxEpochs, tolerance, balanceClasses, scoreScale, seed);
	}

	public TrainOptions withC(double v) {
		return new TrainOptions(algorithm, v, maxEpochs, tolerance, balanceClasses, scoreScale, seed);
	}

	public TrainOptions withBalanceClasses(boolean v) {
		return new TrainOptions(algorithm, c, maxEpochs, tolerance, v, scoreScale, seed);
	}

	public TrainOptions withScoreScale(double v) {
		return new TrainOptions(algorithm, c, maxEpochs, tolerance, balanceClasses, v, seed);
	}
}
