package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.sudi.IntegrationTest;

/** In the running application, with Spring Boot's own logging set-up, a phone logged in clear comes out masked. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("Log masking in the application")
class LogMaskingInTheApplicationTests {

	@Test
	@DisplayName("the console log shows 138****5678, never the number")
	void consoleLogMasked(CapturedOutput output) {
		LoggerFactory.getLogger("org.sudi.channel").warn("SMS to {} failed; ID {}", "13812345678", "37040219900307123X",
				new IllegalStateException("gateway refused 13812345678"));
		assertThat(output.getOut()).contains("SMS to 138****5678 failed; ID 370***********123X")
			.contains("gateway refused 138****5678")
			.doesNotContain("13812345678", "37040219900307123X");
	}
}
