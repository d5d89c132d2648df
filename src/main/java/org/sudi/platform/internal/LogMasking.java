package org.sudi.platform.internal;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sudi.platform.Masking;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.DynamicConverter;

/**
 * Mobile and ID numbers never reach a log in clear (ADR 0028): every pattern appender's message
 * ({@code %m}) and exception ({@code %wEx}, {@code %ex}) go through {@link Masking#text}. Installed when
 * the application context starts (after Spring Boot has set logging up) by re-building each pattern
 * layout with masking converters; it changes nothing else in the pattern.
 */
@Component
class LogMasking {

	LogMasking() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			install(context);
		}
	}

	/** A message converter that masks. */
	public static final class MaskedMessage extends MessageConverter {
		@Override
		public String convert(ILoggingEvent event) {
			return Masking.text(super.convert(event));
		}
	}

	/** An exception converter (stack trace on its own lines) that masks the exceptions' messages. */
	public static final class MaskedThrowable extends ExtendedThrowableProxyConverter {
		@Override
		protected String throwableProxyToString(IThrowableProxy tp) {
			String text = super.throwableProxyToString(tp);
			return text.isEmpty() ? text : CoreConstants.LINE_SEPARATOR + Masking.text(text);
		}
	}

	/** Re-builds the pattern layout of every appender of the context with the masking converters. */
	static synchronized void install(LoggerContext context) {
		for (Logger logger : context.getLoggerList()) {
			for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext();) {
				if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender
						&& appender.getEncoder() instanceof LayoutWrappingEncoder<ILoggingEvent> encoder
						&& encoder.getLayout() instanceof PatternLayout layout
						&& !layout.getInstanceConverterMap().containsKey("m")) {
					PatternLayout masked = new PatternLayout();
					masked.setContext(context);
					masked.setPattern(layout.getPattern());
					masked.setOutputPatternAsHeader(layout.isOutputPatternAsHeader());
					masked.getInstanceConverterMap().putAll(converters());
					masked.start();
					LayoutWrappingEncoder<ILoggingEvent> replacement = new LayoutWrappingEncoder<>();
					replacement.setContext(context);
					replacement.setCharset(encoder.getCharset());
					replacement.setLayout(masked);
					replacement.start();
					appender.setEncoder(replacement);
				}
			}
		}
	}

	private static Map<String, Supplier<DynamicConverter>> converters() {
		Supplier<DynamicConverter> message = MaskedMessage::new;
		Supplier<DynamicConverter> throwable = MaskedThrowable::new;
		return Map.of("m", message, "msg", message, "message", message, "wEx", throwable, "wex", throwable, "ex",
				throwable, "exception", throwable, "throwable", throwable, "xEx", throwable);
	}
}
