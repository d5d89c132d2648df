package org.sudi.triage.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {

	@Test
	void topKAndMacroF1OnHandMadeConfusion() {
		Metrics m = new Metrics();
		// gold a: 3 examples, 2 predicted a, 1 predicted b (with a second)
		m.add("a", List.of("a", "b", "c"));
		m.add("a", List.of("a", "c", "b"));
		m.add("a", List.of("b", "a", "c"));
		// gold b: 2 examples, 1 predicted b, 1 predicted c (a only third)
		m.add("b", List.of("b", "a", "c"));
		m.add("b", List.of("c", "a", "b"));
		// gold c: 1 example, predicted c
		m.add("c", List.of("c", "b", "a"));

		assertEquals(4.0 / 6, m.topK(1), 1e-12);
		assertEquals(5.0 / 6, m.topK(2), 1e-12);
		assertEquals(1.0, m.topK(3), 1e-12);
		// a: tp 2 fp 0 fn 1 -> F1 4/5; b: tp 1 fp 1 fn 1 -> 2/4; c: tp 1 fp 1 fn 0 -> 2/3
		assertEquals((0.8 + 0.5 + 2.0 / 3) / 3, m.macroF1(), 1e-12);
	}

	@Test
	void labelNeverPredictedCountsAsZero() {
		Map<String, Map<String, Integer>> confusion = Map.of(
				"x", Map.of("x", 5),
				"y", Map.of("x", 5));
		// x: tp 5 fp 5 fn 0 -> 10/15; y: 0
		assertEquals((10.0 / 15 + 0) / 2, Metrics.macroF1(confusion), 1e-12);
	}

	@Test
	void nearestRankPercentile() {
		long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
		assertEquals(5, TriageEval.percentile(sorted, 50));
		assertEquals(10, TriageEval.percentile(sorted, 95));
		assertEquals(1, TriageEval.percentile(sorted, 1));
	}
}
