package org.sudi.channel.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal speaks Simplified Chinese first, whatever the phone's language; {@code ?lang=en} (or
 * {@code zh}) switches and is remembered in a cookie. The request then reports that locale (and a
 * matching Accept-Language), so message lookups follow it without a global LocaleResolver.
 */
public class PortalLocaleFilter extends OncePerRequestFilter {

	static final String COOKIE = "sudi_lang";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String lang = request.getParameter("lang");
		if ("en".equals(lang) || "zh".equals(lang)) {
			Cookie cookie = new Cookie(COOKIE, lang);
			cookie.setPath("/m");
			cookie.setMaxAge(365 * 24 * 3600);
			cookie.setHttpOnly(true);
			response.addCookie(cookie);
		}
		else {
			lang = null;
			if (request.getCookies() != null) {
				for (Cookie c : request.getCookies()) {
					if (COOKIE.equals(c.getName())) {
						lang = c.getValue();
					}
				}
			}
		}
		Locale locale = "en".equals(lang) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public Locale getLocale() {
				return locale;
			}

			@Override
			public Enumeration<Locale> getLocales() {
				return Collections.enumeration(java.util.List.of(locale));
			}

			@Override
			public String getHeader(String name) {
				return "Accept-Language".equalsIgnoreCase(name) ? locale.toLanguageTag() : super.getHeader(name);
			}

			@Override
			public Enumeration<String> getHeaders(String name) {
				return "Accept-Language".equalsIgnoreCase(name)
						? Collections.enumeration(java.util.List.of(locale.toLanguageTag())) : super.getHeaders(name);
			}
		}, response);
	}
}
