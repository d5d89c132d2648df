package org.sudi.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.sudi.platform.InvalidInputException;

/**
 * The unified social credit code an enterprise types on the portal's sign-in page: any text is a
 * valid code (which then reads back the same) or an {@link InvalidInputException} naming the field.
 * Seeds in {@code CreditCodeFuzzTestsInputs/}; fuzz with {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
class CreditCodeFuzzTests {

	@FuzzTest(maxDuration = "2m")
	void anyTextIsACodeOrRefused(byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		try {
			CreditCode code = CreditCode.parse(text);
			assertThat(CreditCode.isValid(code.value())).isTrue();
			assertThat(code.value()).hasSize(18);
		}
		catch (InvalidInputException e) {
			assertThat(e.fields()).containsKey("creditCode");
		}
	}
}
