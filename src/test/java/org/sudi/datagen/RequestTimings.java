package org.sudi.datagen;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Timing of requests one at a time for the read benchmarks ({@link ReadBenchmarkTests} and the
 * assessment's day-counter benchmark): milliseconds per call, sorted, with p50/p95 against a baseline.
 */
public final class RequestTimings {

	private RequestTimings() {
	}

	/** One call's time in milliseconds; a status other than 200 stops the benchmark. */
	public static double time(IntSupplier call) {
		long t = System.nanoTime();
		int status = call.getAsInt();
		double ms = (System.nanoTime() - t) / 1e6;
		if (status != 200) {
			throw new IllegalStateException("status " + status);
		}
		return ms;
	}

	/** Up to 20 warm-up calls, then n timed calls, sorted. */
	public static List<Double> measure(IntSupplier call, int n) {
		for (int i = 0; i < Math.min(20, n); i++) {
			call.getAsInt();
		}
		List<Double> times = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			times.add(time(call));
		}
		return sorted(times);
	}

	public static List<Double> sorted(List<Double> times) {
		List<Double> s = new ArrayList<>(times);
		Collections.sort(s);
		return s;
	}

	public static double p(List<Double> sorted, double q) {
		return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * q) - 1));
	}

	public static String report(String name, List<Double> sorted, List<Double> base) {
		String ratio = base == null ? "" : String.format(" p50/baseline %.1fx", p(sorted, 0.5) / p(base, 0.5));
		return String.format("BENCHMARK %-48s n=%d p50=%.1f ms p95=%.1f ms max=%.1f ms%s", name, sorted.size(), p(sorted, 0.5),
				p(sorted, 0.95), sorted.get(sorted.size() - 1), ratio);
	}
}
