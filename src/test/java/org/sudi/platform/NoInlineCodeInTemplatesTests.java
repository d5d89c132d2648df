package org.sudi.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The templates hold no code the Content-Security-Policy would refuse (ADR 0030): no inline
 * {@code <script>} (every script has a src), no {@code th:inline="javascript"}, no inline event handlers
 * ({@code onclick=…}, {@code th:onclick=…}), no {@code javascript:} URLs, no {@code <style>} blocks and no
 * {@code style=""} attributes, and no unescaped output ({@code th:utext}, {@code [(…)]}).
 */
class NoInlineCodeInTemplatesTests {

	static final Path TEMPLATES = Path.of("src/main/resources/templates");

	static final List<Pattern> FORBIDDEN = List.of(
			Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
			Pattern.compile("th:inline\\s*=\\s*\"javascript\"", Pattern.CASE_INSENSITIVE),
			Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
			Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE),
			Pattern.compile("<style", Pattern.CASE_INSENSITIVE),
			Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
			Pattern.compile("th:utext"),
			Pattern.compile("\\[\\(.*?\\)]"));

	static List<String> offences(String name, String html) {
		List<String> found = new ArrayList<>();
		for (Pattern p : FORBIDDEN) {
			Matcher m = p.matcher(html);
			while (m.find()) {
				found.add(name + ": " + m.group().strip());
			}
		}
		return found;
	}

	@Test
	@DisplayName("no template has inline script, event handlers, styles or unescaped output")
	void templatesAreClean() throws IOException {
		List<String> found = new ArrayList<>();
		int files = 0;
		try (Stream<Path> paths = Files.walk(TEMPLATES)) {
			for (Path p : paths.filter(f -> f.toString().endsWith(".html")).toList()) {
				files++;
				found.addAll(offences(TEMPLATES.relativize(p).toString(), Files.readString(p)));
			}
		}
		assertThat(files).isGreaterThan(30);
		assertThat(found).isEmpty();
	}

	@Test
	@DisplayName("the check finds each kind of offence")
	void theCheckCanFail() {
		assertThat(offences("t", "<script>alert(1)</script>")).hasSize(1);
		assertThat(offences("t", "<script th:inline=\"javascript\" th:src=\"@{/x.js}\"></script>")).hasSize(1);
		assertThat(offences("t", "<button onclick=\"go()\">")).hasSize(1);
		assertThat(offences("t", "<button th:onclick=\"|go(${x})|\">")).hasSize(1);
		assertThat(offences("t", "<a href=\"javascript:go()\">")).hasSize(1);
		assertThat(offences("t", "<div style=\"color: red\">")).hasSize(1);
		assertThat(offences("t", "<style>p{}</style>")).hasSize(1);
		assertThat(offences("t", "<p th:utext=\"${x}\">")).hasSize(1);
		assertThat(offences("t", "<p>[(${x})]</p>")).hasSize(1);
		assertThat(offences("t", "<script th:src=\"@{/js/sudi.js}\" defer></script><p data-on=\"x\" th:text=\"${x}\">"))
			.isEmpty();
	}
}
