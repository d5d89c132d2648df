package org.sudi.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sudi.platform.InvalidInputException;

/** 统一社会信用代码 (GB 32100-2015): charset, region digits, and the mod-31 check character. */
class CreditCodeTests {

	@ParameterizedTest
	@ValueSource(strings = { "91350100M000100Y43", "91110000600037341L" })
	@DisplayName("published codes are valid")
	void valid(String code) {
		assertThat(CreditCode.isValid(code)).isTrue();
		assertThat(CreditCode.parse(" " + code.toLowerCase() + " ").value()).isEqualTo(code);
	}

	@ParameterizedTest
	@ValueSource(strings = { "91350100M000100Y44", "91350100M000100Y4", "91350100M000100Y433", "9135010OM000100Y43",
			"913501I0M000100Y43", "91AB0100M000100Y43", "" })
	@DisplayName("a wrong check character, length, letter (I O S V Z) or region is refused")
	void invalid(String code) {
		assertThat(CreditCode.isValid(code)).isFalse();
		assertThatThrownBy(() -> new CreditCode(code)).isInstanceOf(InvalidInputException.class);
	}

	@Test
	@DisplayName("the check character makes any 17 characters valid, and only that one")
	void checkCharacter() {
		String first17 = "91370402MA3C12345";
		char check = CreditCode.checkCharacter(first17);
		assertThat(CreditCode.isValid(first17 + check)).isTrue();
		long others = CreditCode.ALPHABET.chars().filter(c -> c != check)
			.filter(c -> CreditCode.isValid(first17 + (char) c)).count();
		assertThat(others).isZero();
	}
}
