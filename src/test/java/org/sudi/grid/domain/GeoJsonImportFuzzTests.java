package org.sudi.grid.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sudi.platform.InvalidInputException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The grid import (API {@code POST /api/v1/grids/import} and the console's file upload) reads any
 * bytes an administrator sends: JSON syntax errors are Jackson's ({@code JacksonException}, answered
 * 400), a document that is not a FeatureCollection is an {@code IllegalArgumentException} (400), and
 * everything wrong inside the features is one {@link InvalidInputException} (400). Nothing else may
 * come out: no NPE, no ClassCast, no topology exception from JTS, no hang. Seeds in
 * {@code GeoJsonImportFuzzTestsInputs/}; fuzz with {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class GeoJsonImportFuzzTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@FuzzTest(maxDuration = "2m")
	void readingAndCheckingAnyBytesFailsOnlyWithTheDocumentedErrors(byte[] data) {
		JsonNode root;
		try {
			root = JSON.readTree(new String(data, StandardCharsets.UTF_8));
		}
		catch (JacksonException e) {
			return;
		}
		List<GeoJsonGrids.Feature> features;
		try {
			features = GeoJsonGrids.read(root);
		}
		catch (IllegalArgumentException e) {
			return;
		}
		try {
			GridImport.Plan plan = GridImport.check(features, new GridImportTests.District());
			assertThat(plan.grids()).allSatisfy(g -> assertThat(g.geometry().isValid()).isTrue());
		}
		catch (InvalidInputException e) {
			assertThat(e.fields()).as("a rejected import names what is wrong").isNotEmpty();
		}
	}
}
