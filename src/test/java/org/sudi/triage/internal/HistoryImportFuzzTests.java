package org.sudi.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sudi.catalog.Category;
import org.sudi.directory.OrgKind;
import org.sudi.directory.OrgUnit;

/**
 * The triage history import ({@code POST /api/v1/triage/history}, CSV or TSV from an older hotline
 * system) never throws: whatever the bytes, every row is either an entry with text and a label or a
 * problem with its line number. Seeds in {@code HistoryImportFuzzTestsInputs/}; fuzz with
 * {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class HistoryImportFuzzTests {

	static final List<Category> CATEGORIES = List.of(new Category("urban", "城乡建设", null),
			new Category("urban.road", "道路破损", "urban"));
	static final List<OrgUnit> UNITS = List.of(new OrgUnit(10, "zhujian", "区住建局", OrgKind.DEPARTMENT, 1L),
			new OrgUnit(20, "tanshan", "坛山街道", OrgKind.TOWN, 1L));

	@FuzzTest(maxDuration = "2m")
	void anyFileGivesEntriesOrProblems(byte[] data) {
		HistoryImport.Result result = HistoryImport.parse(new String(data, StandardCharsets.UTF_8), CATEGORIES, UNITS);
		assertThat(result.entries().isEmpty() && result.problems().isEmpty()).as("an empty answer").isFalse();
		assertThat(result.entries()).allSatisfy(e -> {
			assertThat(e.text()).isNotBlank();
			assertThat(e.categoryCode() != null || e.orgId() != null).as("a label to learn from").isTrue();
		});
		assertThat(result.problems()).allSatisfy(p -> assertThat(p.line()).isNotNegative());
	}
}
