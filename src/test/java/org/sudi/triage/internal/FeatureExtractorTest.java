package org.sudi.triage.internal;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureExtractorTest {

	@Test
	void extractsWordsAndCharNgramsWithTitleCountedExtra() {
		FeatureExtractor fx = new FeatureExtractor(FeatureOptions.defaults().withTitleRepeat(2).withCharRange(1, 2));
		Map<String, Double> c = fx.extract("物业收费", "小区物业，２０２０年。");
		assertEquals(3.0, c.get("w:物业"), 1e-12, "title twice + text once");
		assertEquals(3.0, c.get("c:物业"), 1e-12);
		assertFalse(c.containsKey("c:业，"), "n-grams do not cross punctuation");
		assertFalse(c.containsKey("c:业小"), "n-grams do not cross from title to text");
		assertTrue(c.keySet().stream().noneMatch(k -> k.contains("2020")), "numbers are dropped");
		assertTrue(c.keySet().stream().noneMatch(k -> k.equals("w:，")), "punctuation is dropped");
	}

	@Test
	void vectorsHaveUnitNormAndSortedIndices() {
		FeatureOptions o = FeatureOptions.defaults();
		TriageModel m = TextClassifier.builder(o, TrainOptions.defaults())
				.add("小区物业乱收费", "物业公司收取停车费", "a", 1)
				.add("学校补课", "学校违规补课", "b", 1)
				.build();
		SparseVector v = m.vectorizer().vectorize(new FeatureExtractor(o).extract("物业补课", "学校物业"));
		assertEquals(1.0, v.squaredNorm(), 1e-6);
		for (int k = 1; k < v.size(); k++) {
			assertTrue(v.indices()[k - 1] < v.indices()[k]);
		}
		assertEquals(0, m.vectorizer().vectorize(Map.of("w:未知词", 1.0)).size());
	}
}
