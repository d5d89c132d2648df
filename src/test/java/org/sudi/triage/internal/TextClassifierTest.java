package org.sudi.triage.internal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextClassifierTest {
	private static final String[][] TRAINING = {
			{"小区物业乱收停车费", "物业公司未经业主同意收取停车费，请查处物业", "城乡建设"},
			{"小区电梯经常故障", "物业不维修电梯，业主出行困难", "城乡建设"},
			{"楼盘延期交房", "开发商逾期交房，购房者维权", "城乡建设"},
			{"学校违规补课收费", "中学周末组织学生补课并收取费用，学生负担重", "教育文体"},
			{"幼儿园收费过高", "幼儿园学费上涨，家长负担重，请教育局核查", "教育文体"},
			{"教师工资拖欠", "学校拖欠代课教师工资，教育部门不管", "教育文体"},
			{"公交线路调整不便", "公交车改线后乘客出行不便，站点太远", "交通运输"},
			{"出租车拒载", "出租车司机拒载乘客，还乱收费", "交通运输"},
			{"道路货车超载", "大货车超载严重，公路损坏，交通安全隐患", "交通运输"},
	};
	private static TriageModel model;

	@BeforeAll
	static void train() {
		model = build(TrainOptions.defaults());
	}

	private static TriageModel build(TrainOptions training) {
		TextClassifier.Builder builder = TextClassifier.builder(FeatureOptions.defaults(), training);
		for (String[] row : TRAINING) {
			builder.add(row[0], row[1], row[2], 1.0);
		}
		return builder.build();
	}

	@Test
	void learnsTinySeparableSet() {
		for (String[] row : TRAINING) {
			assertEquals(row[2], model.suggest(row[0], row[1], 1).get(0).label(), row[0]);
		}
		assertEquals("教育文体", model.suggest("补课", "学校组织学生周末补课", 1).get(0).label());
		assertEquals("交通运输", model.suggest("公交", "公交车站点太远，出行不便", 1).get(0).label());
		assertEquals("城乡建设", model.suggest("物业", "物业公司乱收费，业主投诉", 1).get(0).label());
	}

	@Test
	void softmaxLearnsTinySeparableSetToo() {
		TriageModel softmax = build(TrainOptions.defaults().withAlgorithm(TrainOptions.Algorithm.SOFTMAX).withC(10));
		for (String[] row : TRAINING) {
			assertEquals(row[2], softmax.suggest(row[0], row[1], 1).get(0).label(), row[0]);
		}
	}

	@Test
	void suggestionsAreRankedScoredAndExplained() {
		List<Scored> s = model.suggest("学校补课", "中学组织补课收费", 5);
		assertEquals(3, s.size(), "only three labels exist");
		assertEquals("教育文体", s.get(0).label());
		double sum = 0;
		for (int i = 0; i < s.size(); i++) {
			sum += s.get(i).score();
			if (i > 0) {
				assertTrue(s.get(i - 1).score() >= s.get(i).score());
			}
		}
		assertEquals(1.0, sum, 1e-9);
		List<String> why = s.get(0).matchedTerms();
		assertFalse(why.isEmpty());
		assertTrue(why.stream().anyMatch(t -> t.contains("补课") || t.contains("学")), why.toString());
		assertTrue(why.size() <= TriageModel.MATCHED_TERMS);
	}

	@Test
	void weightedWeakDocumentsAloneGiveAWorkingModel() {
		// "duty list" mode: no history, only title + keywords per category
		TriageModel duty = TextClassifier.builder()
				.add("义务教育", "学校 招生 学籍 补课 教师", "教育文体", 0.3)
				.add("城市公共交通", "公交 出租车 地铁 线路 站点", "交通运输", 0.3)
				.add("环境污染", "噪音 扰民 排污 空气 污染", "环境保护", 0.3)
				.build();
		assertEquals("环境保护", duty.suggest("工地噪音扰民", "晚上施工噪音太大", 1).get(0).label());
		assertEquals("交通运输", duty.suggest("公交站点太远", "希望增加公交线路", 1).get(0).label());
	}

	@Test
	void saveAndLoadGivesIdenticalSuggestions() throws IOException {
		byte[] bytes = ModelCodec.toBytes(model);
		TriageModel loaded = ModelCodec.fromBytes(bytes);
		assertEquals(model.labels(), loaded.labels());
		String[][] queries = {{"学校补课", "中学组织补课收费"}, {"", "公交车改线"}, {"物业", ""}, {"", ""}, {"无关", "天气很好"}};
		for (String[] q : queries) {
			assertEquals(model.suggest(q[0], q[1], 3), loaded.suggest(q[0], q[1], 3));
		}
		assertArrayEquals(bytes, ModelCodec.toBytes(loaded), "re-encoding is stable");
		assertThrows(IOException.class, () -> ModelCodec.fromBytes(new byte[] {1, 2, 3}));
	}

	@Test
	void buildIsDeterministic() {
		assertArrayEquals(ModelCodec.toBytes(model), ModelCodec.toBytes(build(TrainOptions.defaults())));
	}

	@Test
	void rejectsBadInput() {
		TextClassifier.Builder builder = TextClassifier.builder();
		assertThrows(IllegalArgumentException.class, () -> builder.add("t", "x", "", 1.0));
		assertThrows(IllegalArgumentException.class, () -> builder.add("t", "x", "a", 0.0));
		assertThrows(IllegalStateException.class, builder::build);
	}
}
