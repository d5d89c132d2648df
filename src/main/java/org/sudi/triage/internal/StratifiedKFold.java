package org.sudi.triage.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Stratified k-fold assignment. Rows sharing a group key (the message id) always land in the
 * same fold, so a message duplicated with two labels is never on both sides of a split.
 * A group is stratified by the label of its first row. Within each label the groups are
 * shuffled with the seed and dealt round-robin; the dealing position carries over from label
 * to label, so each label's count per fold differs by at most one, and so do the fold sizes
 * (counted in groups).
 */
public final class StratifiedKFold {

	private StratifiedKFold() {
	}

	/** @return the fold (0..folds-1) of every row */
	public static int[] assign(List<String> labels, List<String> groups, int folds, long seed) {
		if (labels.size() != groups.size()) {
			throw new IllegalArgumentException("labels and groups differ in size");
		}
		if (folds < 2) {
			throw new IllegalArgumentException("need at least 2 folds");
		}
		Map<String, List<Integer>> rowsOfGroup = new LinkedHashMap<>();
		for (int i = 0; i < groups.size(); i++) {
			rowsOfGroup.computeIfAbsent(groups.get(i), g -> new ArrayList<>()).add(i);
		}
		Map<String, List<String>> groupsOfLabel = new TreeMap<>();
		for (Map.Entry<String, List<Integer>> e : rowsOfGroup.entrySet()) {
			String label = labels.get(e.getValue().get(0));
			groupsOfLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(e.getKey());
		}
		Random random = new Random(seed);
		int[] fold = new int[labels.size()];
		int position = 0;
		for (List<String> labelGroups : groupsOfLabel.values()) {
			Collections.shuffle(labelGroups, random);
			for (String group : labelGroups) {
				int f = position++ % folds;
				for (int row : rowsOfGroup.get(group)) {
					fold[row] = f;
				}
			}
		}
		return fold;
	}
}
