package org.sudi.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Duplicate detection on generated near-duplicates of real citizen messages, mixed with unrelated
 * messages of the same category (the hard case): the similarity threshold the platform uses
 * ({@code sudi.triage.duplicate-similarity}, 0.3) must keep precision and recall at 0.9 or more.
 */
class DuplicateDetectionTests {

	static final double THRESHOLD = 0.3;

	@Test
	@DisplayName("near-duplicates are found and same-category strangers are not (precision and recall ≥ 0.9)")
	void precisionAndRecall() throws IOException {
		Path file = Path.of(System.getProperty("govmsg.dir", "../shared/data/govmsg"))
			.resolve("taidi2020C_fujian2_sample_labeled.tsv");
		assumeTrue(Files.isReadable(file), "govmsg data set not available");
		List<LabeledText> messages = TsvTable.read(file).labeledTexts();
		Random random = new Random(42);
		int truePositives = 0;
		int falsePositives = 0;
		int falseNegatives = 0;
		int pairs = 0;
		for (LabeledText m : messages) {
			String original = m.title() + " " + shorten(m.text());
			String rewritten = nearDuplicate(m.title(), shorten(m.text()), random);
			if (TextSimilarity.dice(original, rewritten) >= THRESHOLD) {
				truePositives++;
			}
			else {
				falseNegatives++;
			}
			// Two strangers of the same category, as a dispatcher would see them side by side.
			List<LabeledText> sameCategory = messages.stream()
				.filter(o -> o != m && o.label().equals(m.label()) && !o.title().equals(m.title()))
				.toList();
			for (int k = 0; k < 3; k++) {
				LabeledText other = sameCategory.get(random.nextInt(sameCategory.size()));
				if (TextSimilarity.dice(original, other.title() + " " + shorten(other.text())) >= THRESHOLD) {
					falsePositives++;
				}
				pairs++;
			}
		}
		double precision = truePositives / (double) (truePositives + falsePositives);
		double recall = truePositives / (double) (truePositives + falseNegatives);
		System.out.printf(Locale.ROOT, "duplicates: %d near-duplicates, %d unrelated pairs, precision=%.4f recall=%.4f%n",
				messages.size(), pairs, precision, recall);
		assertThat(precision).isGreaterThanOrEqualTo(0.9);
		assertThat(recall).isGreaterThanOrEqualTo(0.9);
	}

	/** A new case is usually short: the first sentences of a long letter. */
	static String shorten(String text) {
		return text.length() > 300 ? text.substring(0, 300) : text;
	}

	/**
	 * How the same problem comes in again: another wording of the title, clauses re-ordered, one
	 * clause dropped, a few characters mistyped, an urging phrase added.
	 */
	static String nearDuplicate(String title, String text, Random random) {
		List<String> clauses = new ArrayList<>(List.of(text.split("(?<=[，。！？；,.!?;])")));
		if (clauses.size() > 3) {
			clauses.remove(random.nextInt(clauses.size()));
		}
		Collections.shuffle(clauses.subList(0, Math.min(clauses.size(), 4)), random);
		StringBuilder body = new StringBuilder(String.join("", clauses));
		for (int i = 0; i < Math.max(1, body.length() / 60); i++) {
			int at = random.nextInt(body.length());
			body.setCharAt(at, "的了是在有我们".charAt(random.nextInt(7)));
		}
		String[] urging = { "再次反映：", "还是没人管，", "", "请相关部门尽快处理，" };
		String newTitle = title.length() > 4 ? title.substring(0, title.length() - 2) + "问题" : title;
		return newTitle + " " + urging[random.nextInt(urging.length)] + body + (random.nextBoolean() ? "希望尽快解决。" : "");
	}
}
