package org.sudi.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Tracking numbers: the day, a dash, the number with at least six digits. */
class TrackingNumberTests {

	@Test
	void dayThenTheNumberPaddedToSixDigits() {
		LocalDate day = LocalDate.of(2026, 11, 27);
		assertThat(Cases.trackingNo(day, 42)).isEqualTo("20261127-000042");
		assertThat(Cases.trackingNo(day, 999_999)).isEqualTo("20261127-999999");
		assertThat(Cases.trackingNo(day, 1_234_567)).isEqualTo("20261127-1234567");
		assertThat(Cases.trackingNo(LocalDate.of(2027, 1, 3), 1)).isEqualTo("20270103-000001");
	}
}
