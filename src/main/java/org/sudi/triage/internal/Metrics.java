package org.sudi.triage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accumulates (gold label, ranked predictions) pairs and computes top-k accuracy and the
 * macro-averaged F1 of the top-1 prediction. Macro-F1 averages the per-label F1 over every
 * label that occurs as gold or as prediction (a label never predicted has F1 0).
 */
public final class Metrics {
	private final List<String> gold = new ArrayList<>();
	private final List<List<String>> ranked = new ArrayList<>();

	public void add(String goldLabel, List<String> rankedLabels) {
		gold.add(goldLabel);
		ranked.add(List.copyOf(rankedLabels));
	}

	public int size() {
		return gold.size();
	}

	/** Share of examples whose gold label is among the first k predictions. */
	public double topK(int k) {
		if (gold.isEmpty()) {
			return 0;
		}
		int hits = 0;
		for (int i = 0; i < gold.size(); i++) {
			List<String> r = ranked.get(i);
			if (r.subList(0, Math.min(k, r.size())).contains(gold.get(i))) {
				hits++;
			}
		}
		return (double) hits / gold.size();
	}

	/** confusion.get(gold).get(predicted) = count of top-1 predictions. */
	public Map<String, Map<String, Integer>> confusion() {
		Map<String, Map<String, Integer>> confusion = new TreeMap<>();
		for (int i = 0; i < gold.size(); i++) {
			String predicted = ranked.get(i).isEmpty() ? "" : ranked.get(i).get(0);
			confusion.computeIfAbsent(gold.get(i), g -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
		}
		return confusion;
	}

	public double macroF1() {
		return macroF1(confusion());
	}

	/** Per-label F1 = 2 tp / (2 tp + fp + fn); the macro average is their plain mean. */
	public static double macroF1(Map<String, Map<String, Integer>> confusion) {
		TreeSet<String> labels = new TreeSet<>(confusion.keySet());
		confusion.values().forEach(row -> labels.addAll(row.keySet()));
		labels.remove("");
		if (labels.isEmpty()) {
			return 0;
		}
		double sum = 0;
		for (String label : labels) {
			int tp = confusion.getOrDefault(label, Map.of()).getOrDefault(label, 0);
			int fn = confusion.getOrDefault(label, Map.of()).values().stream().mapToInt(Integer::intValue).sum() - tp;
			int fp = 0;
			for (Map.Entry<String, Map<String, Integer>> row : confusion.entrySet()) {
				if (!row.getKey().equals(label)) {
					fp += row.getValue().getOrDefault(label, 0);
				}
			}
			sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
		}
		return sum / labels.size();
	}
}
