package org.sudi.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The faster bearer-token and header-value checks accept and refuse exactly what Spring Security's
 * defaults accept and refuse.
 */
class RequestChecksEquivalenceTests {

	/** Spring Security's default rule for header values (StrictHttpFirewall). */
	private static final Pattern DEFAULT_HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

	private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJob3RsaW5lIiwicm9sZXMiOlsiSE9UTElORSJdfQ"
			+ ".3q2-_~+/Zx0";

	@Test
	@DisplayName("header values: the same verdict as the default rule on tricky and random values")
	void headerValues() {
		List<String> values = new ArrayList<>(List.of("", "Bearer " + TOKEN, "text/html; q=0.9", "a\tb", "a\nb", "a\rb",
				"\u0000", "\u007f", "\u0085", "中文 值", "\u2028", "\uD83D\uDE00", "\uD83D", "\uDE00x", "\u0378", "\uFFFF",
				"\u00A0", "\u200B", new String(Character.toChars(0x10FFFF)), new String(Character.toChars(0xE0001))));
		Random random = new Random(9);
		for (int n = 0; n < 20_000; n++) {
			StringBuilder b = new StringBuilder();
			int length = random.nextInt(6);
			for (int i = 0; i < length; i++) {
				int pick = random.nextInt(4);
				int cp = pick == 0 ? random.nextInt(0x80) : pick == 1 ? random.nextInt(0x3000) : pick == 2
						? random.nextInt(0x110000) : 0xD800 + random.nextInt(0x800);
				b.appendCodePoint(cp);
			}
			values.add(b.toString());
		}
		for (String v : values) {
			assertThat(SecurityConfiguration.allowedHeaderValue(v)).as("%s", v.codePoints().boxed().toList())
				.isEqualTo(DEFAULT_HEADER_VALUE.matcher(v).matches());
		}
	}

	@Test
	@DisplayName("bearer tokens: the same token or the same refusal as the default resolver")
	void bearerTokens() {
		List<String> headers = new ArrayList<>(List.of("Bearer " + TOKEN, "bearer " + TOKEN, "BEARER " + TOKEN,
				"Bearer  " + TOKEN, "Bearer " + TOKEN + " ", "Bearer " + TOKEN + "==", "Bearer " + TOKEN + "=a",
				"Bearer ==", "Bearer ", "Bearer", "Bearerx " + TOKEN, "Basic dXNlcjpwYXNz", "DPoP " + TOKEN,
				"Bearer\t" + TOKEN, "Bearer " + TOKEN + "\n", "Bearer tok\u00e9n", "Bearer a", "bEaReR a=",
				"Bearer a,b", "Bearer a%2Fb", "Bearer " + "x".repeat(5000), "x"));
		Random random = new Random(7);
		String alphabet = "Bbearr =~+/._-aZz09\t,%\u00e9";
		for (int n = 0; n < 20_000; n++) {
			StringBuilder b = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
			int length = random.nextInt(8);
			for (int i = 0; i < length; i++) {
				b.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			headers.add(b.toString());
		}
		headers.add(null);
		BearerTokenResolver ours = new BearerTokenHeader();
		BearerTokenResolver theirs = new DefaultBearerTokenResolver();
		for (String h : headers) {
			MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/cases");
			if (h != null) {
				request.addHeader("Authorization", h);
			}
			assertThat(outcome(ours, request)).as(h).isEqualTo(outcome(theirs, request));
		}
	}

	private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			return "token " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException e) {
			return "refused " + e.getError().getErrorCode() + " " + e.getError().getDescription();
		}
	}
}
