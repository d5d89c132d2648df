package org.sudi.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CopySinkTests {

	private static final DateTimeFormatter PG = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]x");

	@Test
	void instantsAreWrittenAsPostgresqlReadsThemRoundedToTheMicrosecond() {
		Random random = new Random(1);
		for (int k = 0; k < 10_000; k++) {
			Instant i = Instant.ofEpochSecond(1_600_000_000L + random.nextInt(200_000_000), random.nextInt(1_000_000_000));
			StringBuilder b = new StringBuilder();
			CopySink.appendInstant(b, i);
			Instant micros = i.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
			assertThat(OffsetDateTime.parse(b, PG).toInstant()).as(b.toString()).isEqualTo(micros);
		}
		StringBuilder b = new StringBuilder();
		CopySink.appendInstant(b, Instant.parse("2026-01-02T03:04:05Z"));
		assertThat(b).hasToString("2026-01-02 03:04:05+00");
		b.setLength(0);
		CopySink.appendInstant(b, Instant.parse("2026-12-31T23:59:59.9999996Z"));
		assertThat(b).hasToString("2027-01-01 00:00:00+00");
	}
}
