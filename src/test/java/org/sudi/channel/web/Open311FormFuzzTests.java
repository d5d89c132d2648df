package org.sudi.channel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.sudi.channel.internal.Open311Exception;

/**
 * The Open311 form fields a third-party client posts or queries with (lat/long, page numbers, dates,
 * comma lists): whatever the text, reading them gives a usable value or an {@link Open311Exception}
 * (answered 400 in Open311's error format), never anything else. A number is always finite (Java
 * reads "NaN" and "Infinity" as numbers), and the 90-day window around any accepted date never
 * overflows. Seeds in {@code Open311FormFuzzTestsInputs/}; fuzz with {@code JAZZER_FUZZ=1}
 * (docs/fuzzing.md).
 */
class Open311FormFuzzTests {

	@FuzzTest(maxDuration = "2m")
	void formFieldsGiveValuesOrOpen311Errors(byte[] data) {
		// One field a line, so that the seeds are readable: lat, page, start_date, end_date, service_code.
		String[] lines = new String(data, StandardCharsets.UTF_8).split("\n", 5);
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/open311/v2/requests.json");
		String[] names = { "lat", "page", "start_date", "end_date", "service_code" };
		for (int i = 0; i < lines.length; i++) {
			request.setParameter(names[i], lines[i]);
		}
		try {
			Double lat = Open311Controller.number(request, "lat");
			assertThat(lat == null || Double.isFinite(lat)).as("lat " + lat).isTrue();
		}
		catch (Open311Exception e) {
			assertThat(e.status()).isEqualTo(400);
		}
		try {
			Open311Controller.integer(request, "page", 1);
		}
		catch (Open311Exception e) {
			assertThat(e.status()).isEqualTo(400);
		}
		assertThat(Open311Controller.list(request.getParameter("service_code"))).doesNotContain("");
		try {
			Instant start = Open311Controller.date(request, "start_date");
			Instant end = Open311Controller.date(request, "end_date");
			Instant[] range = Open311Controller.range(start, end, true, Instant::now);
			assertThat(range[0]).isBeforeOrEqualTo(range[1]);
		}
		catch (Open311Exception e) {
			assertThat(e.status()).isEqualTo(400);
		}
	}
}
