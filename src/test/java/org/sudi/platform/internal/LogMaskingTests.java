package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;

/** Mobile and ID numbers never appear in a log in clear (ADR 0028). */
@DisplayName("Log masking")
class LogMaskingTests {

	@Test
	@DisplayName("messages, arguments and exception messages are masked in the pattern the appender already had")
	void masks() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%-5level %logger: %m%n%ex");
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.setOutputStream(out);
		appender.start();
		Logger logger = context.getLogger("test.log-masking");
		logger.setAdditive(false);
		logger.addAppender(appender);

		logger.info("before: caller {}", "13812345678");
		LogMasking.install(context);
		LogMasking.install(context); // twice changes nothing
		logger.info("caller {} with ID {}", "13812345678", "37040219900307123X");
		logger.warn("refused", new IllegalArgumentException("bad phone 13900001111"));

		String log = out.toString(StandardCharsets.UTF_8);
		String after = log.substring(log.indexOf("INFO  test.log-masking: caller"));
		assertThat(log).contains("before: caller 13812345678"); // the control: unmasked before install
		assertThat(after).contains("INFO  test.log-masking: caller 138****5678 with ID 370***********123X")
			.contains("WARN  test.log-masking: refused")
			.contains("java.lang.IllegalArgumentException: bad phone 139****1111")
			.doesNotContain("13812345678", "37040219900307123X", "13900001111");
	}
}
