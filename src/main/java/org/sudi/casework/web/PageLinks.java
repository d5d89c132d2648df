package org.sudi.casework.web;

import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;

/** Links of list pages that keep the filters. */
final class PageLinks {

	private PageLinks() {
	}

	/** The current list with its filters and without its page number, ready for {@code page=N}. */
	static String pagePath(HttpServletRequest request) {
		String query = request.getQueryString();
		String path = UriComponentsBuilder.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query))
			.replaceQueryParam("page")
			.replaceQueryParam("lang")
			.build()
			.toUriString();
		return path + (path.contains("?") ? "&" : "?");
	}
}
