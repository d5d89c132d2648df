package org.sudi.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sudi.platform.InvalidInputException;

/**
 * The administrator's files: the duty-list import (CSV or XLSX, {@code /console/admin/duties/import/preview})
 * and the holiday calendar ({@code POST /api/v1/calendar/import}, console form). Whatever the bytes,
 * the CSV reader and the holiday reader never throw, and the XLSX reader throws nothing but
 * {@link InvalidInputException} (400 / the form's message): no NPE, no POI exception, no hang, no
 * memory blow-up from a crafted workbook. Seeds in {@code CatalogImportFuzzTestsInputs/}; fuzz with
 * {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class CatalogImportFuzzTests {

	@FuzzTest(maxDuration = "2m")
	void csvDutyFilesAlwaysRead(byte[] data) {
		List<List<String>> table = CatalogAdministration.readCsv(data);
		assertThat(table).allSatisfy(row -> assertThat(row).doesNotContainNull());
	}

	@FuzzTest(maxDuration = "2m")
	void xlsxDutyFilesReadOrAreRefused(byte[] data) {
		try {
			List<List<String>> table = CatalogAdministration.readXlsx(data);
			assertThat(table).allSatisfy(row -> assertThat(row).doesNotContainNull());
		}
		catch (InvalidInputException e) {
			assertThat(e.fields()).containsKey("file");
		}
	}

	@FuzzTest(maxDuration = "2m")
	void holidayFilesGiveDaysOrProblems(byte[] data) {
		HolidayFile.Result result = HolidayFile.parse(new String(data, StandardCharsets.UTF_8));
		assertThat(result.days().isEmpty() && result.problems().isEmpty()).as("an empty answer").isFalse();
		assertThat(result.days()).allSatisfy(d -> assertThat(d.day()).isNotNull());
	}
}
