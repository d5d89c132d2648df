package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Masking of personal data")
class MaskingTests {

	@Test
	@DisplayName("phones keep their first three and last four digits, ID numbers their first three and last four")
	void fields() {
		assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
		assertThat(Masking.phone("05371234567")).isEqualTo("053****4567");
		assertThat(Masking.phone("12345")).isEqualTo("*****");
		assertThat(Masking.phone(null)).isNull();
		assertThat(Masking.idNumber("37040219900307123X")).isEqualTo("370***********123X");
		assertThat(Masking.name("张三")).isEqualTo("张*");
		assertThat(Masking.name("欧阳小明")).isEqualTo("欧***");
		assertThat(Masking.name(null)).isNull();
	}

	@Test
	@DisplayName("free text has every mobile and ID number masked, and other numbers left alone")
	void text() {
		assertThat(Masking.text("来电 13812345678，身份证 37040219900307123X，另一号码 +86 139-0000-1111。"))
			.isEqualTo("来电 138****5678，身份证 370***********123X，另一号码 +86*******1111。");
		assertThat(Masking.text("case 20260101-000042 took 123456789012 ms; tracking 1381234567890"))
			.isEqualTo("case 20260101-000042 took 123456789012 ms; tracking 1381234567890");
		assertThat(Masking.text("phone=13812345678&x=1")).isEqualTo("phone=138****5678&x=1");
		assertThat(Masking.text(null)).isNull();
	}
}
