package org.sudi.triage.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StratifiedKFoldTest {

	@Test
	void foldsKeepLabelProportions() {
		List<String> labels = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		int[] perLabel = {50, 30, 20, 7};
		for (int l = 0; l < perLabel.length; l++) {
			for (int i = 0; i < perLabel[l]; i++) {
				labels.add("L" + l);
				ids.add(l + "-" + i);
			}
		}
		int folds = 5;
		int[] fold = StratifiedKFold.assign(labels, ids, folds, 42);
		int[][] count = new int[folds][perLabel.length];
		int[] size = new int[folds];
		for (int i = 0; i < fold.length; i++) {
			count[fold[i]][labels.get(i).charAt(1) - '0']++;
			size[fold[i]]++;
		}
		for (int f = 0; f < folds; f++) {
			for (int l = 0; l < perLabel.length; l++) {
				double expected = perLabel[l] / (double) folds;
				assertTrue(Math.abs(count[f][l] - expected) < 1.0, "fold " + f + " label " + l + ": " + count[f][l]);
			}
			assertTrue(Math.abs(size[f] - fold.length / (double) folds) <= 1.0, "fold sizes balanced");
		}
	}

	@Test
	void sameIdStaysInOneFoldAndSeedMatters() {
		List<String> labels = new ArrayList<>();
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			labels.add(i % 2 == 0 ? "a" : "b");
			ids.add("id" + i);
		}
		labels.add("b");
		ids.add("id0"); // duplicated message with another label
		int[] fold = StratifiedKFold.assign(labels, ids, 4, 1);
		assertEquals(fold[0], fold[40]);
		assertArrayEquals(fold, StratifiedKFold.assign(labels, ids, 4, 1));
		assertFalse(java.util.Arrays.equals(fold, StratifiedKFold.assign(labels, ids, 4, 2)));
	}
}
