package org.sudi.triage.internal;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End-to-end regression test on the shared labelled sample (skipped when the data set is not
 * present). Uses the taxonomy documents but no background IDF, to stay fast (~10 s); the full
 * configuration scores higher (see NOTES.md).
 */
class GovmsgCrossValidationTest {

	@Test
	void fiveFoldCrossValidationStaysAboveTarget() throws IOException {
		Path dir = Path.of(System.getProperty("govmsg.dir", "../shared/data/govmsg"));
		Path data = dir.resolve("taidi2020C_fujian2_sample_labeled.tsv");
		Path taxonomyFile = dir.resolve("taidi2020C_fujian1_taxonomy.tsv");
		assumeTrue(Files.isReadable(data) && Files.isReadable(taxonomyFile), "govmsg data set not available");

		List<LabeledText> rows = TsvTable.read(data).labeledTexts();
		FeatureOptions features = FeatureOptions.defaults();
		double[] result = TriageEval.crossValidate(rows, 5, 1, features, TrainOptions.defaults(),
				DocumentFrequencies.empty(features), TriageEval.readTaxonomy(taxonomyFile),
				TriageEval.DEFAULT_TAXONOMY_WEIGHT);
		assertTrue(result[0] >= 0.80, "top1 " + result[0]);
		assertTrue(result[1] >= 0.95, "top3 " + result[1]);
		assertTrue(result[2] >= 0.75, "macroF1 " + result[2]);
	}
}
