package org.sudi.platform.web;

import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;
import org.sudi.platform.ConsolePage;
import org.sudi.platform.InboxBadge;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The layout's share of every console page's model: the language links (the same page in the other
 * language) and the inbox badge when a module provides one.
 */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleLayoutAdvice {

	/** Model attribute read by the layout's top bar: {@code unread} and {@code href}. */
	public record Inbox(long unread, String href) {
	}

	private final ObjectProvider<InboxBadge> inbox;

	ConsoleLayoutAdvice(ObjectProvider<InboxBadge> inbox) {
		this.inbox = inbox;
	}

	@ModelAttribute
	void layout(HttpServletRequest request, Model model) {
		model.addAttribute("langUrls", Map.of("zh", langUrl(request, "zh-CN"), "en", langUrl(request, "en")));
		model.addAttribute("currentPath", request.getRequestURI());
		InboxBadge badge = inbox.getIfAvailable();
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (badge != null && auth != null && auth.isAuthenticated() && auth.getName() != null) {
			model.addAttribute("inbox", new Inbox(badge.unread(auth.getName()), badge.href()));
		}
	}

	/** The current page in another language; after a POST (a form shown again) the console home. */
	private static String langUrl(HttpServletRequest request, String lang) {
		if (!"GET".equalsIgnoreCase(request.getMethod())) {
			return "/console?lang=" + lang;
		}
		String query = request.getQueryString();
		return UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
			.replaceQueryParam("lang", lang)
			.build()
			.toUriString();
	}
}
