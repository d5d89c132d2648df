package org.sudi.casework.web;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.sudi.platform.InvalidInputException;

/**
 * Turns rule violations into messages next to the fields of a form, in the page's language. Fields
 * are keyed {@code form.field} so several forms on one page keep their messages apart.
 */
@Component
class PageForms {

	private final MessageSource messages;

	PageForms(MessageSource messages) {
		this.messages = messages;
	}

	Map<String, String> errors(String form, InvalidInputException e, Locale locale) {
		Map<String, String> errors = new HashMap<>();
		e.fields().forEach((field, message) -> errors.put(form + "." + field, translate(message, locale)));
		if (errors.isEmpty()) {
			errors.put(form, translate(e.getMessage(), locale));
		}
		return errors;
	}

	String required(Locale locale) {
		return messages.getMessage("console.validation.required", null, locale);
	}

	String text(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	/** The domain speaks English; the commonest rules have a translation, the rest is shown as it is. */
	private String translate(String message, Locale locale) {
		if (message == null) {
			return messages.getMessage("console.validation.invalid", null, locale);
		}
		if (message.equals("must not be blank") || message.equals("is required")) {
			return required(locale);
		}
		return messages.getMessage("console.validation.rule", new Object[] { message }, message, locale);
	}

	/** Only paths inside the console are followed back to, never another site. */
	static String safeBack(String back, String fallback) {
		if (back != null && back.startsWith("/console") && !back.startsWith("//") && !back.contains("\\")) {
			return back;
		}
		return fallback;
	}
}
