package org.sudi.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How personal data looks to whoever may not see it (GB/T 35273 de-identification): a phone keeps its
 * first three and last four digits, an ID number its first three and last four characters, a name its
 * family name. {@link #text} masks every mobile and ID number found in free text (logs).
 */
public final class Masking {

	/** Mainland ID numbers (18 characters, 15 for the old ones) and mobiles, not inside a longer number. */
	private static final Pattern NUMBERS = Pattern
		.compile("(?<![0-9A-Za-z])(?:(\\d{17}[\\dXx]|\\d{15})|((?:\\+?86[- ]?)?1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}))(?![0-9A-Za-z])");

	private Masking() {
	}

	/** 13812345678 → 138****5678; short numbers entirely hidden. */
	public static String phone(String phone) {
		if (phone != null && phone.strip().length() >= 7 && phone.strip().length() < 11) {
			String p = phone.strip();
			return p.substring(0, 3) + "****" + p.substring(7);
		}
		return keepEnds(phone, 7);
	}

	/** 110101199003071234 → 110***********1234. */
	public static String idNumber(String id) {
		return keepEnds(id, 8);
	}

	/** The first three and last four characters, the rest starred; all starred when shorter than {@code min}. */
	private static String keepEnds(String value, int min) {
		if (value == null) {
			return null;
		}
		String s = value.strip();
		if (s.length() < min) {
			return "*".repeat(s.length());
		}
		return s.substring(0, 3) + "*".repeat(s.length() - 7) + s.substring(s.length() - 4);
	}

	/** 李四 → 李*, 欧阳小明 → 欧***; a Latin name keeps its first letter. */
	public static String name(String name) {
		if (name == null || name.isBlank()) {
			return name;
		}
		String s = name.strip();
		int first = s.offsetByCodePoints(0, 1);
		return s.substring(0, first) + "*".repeat(Math.max(1, s.codePointCount(first, s.length())));
	}

	/** Free text with every mobile and ID number in it masked. */
	public static String text(String text) {
		if (text == null || text.length() < 11) {
			return text;
		}
		Matcher m = NUMBERS.matcher(text);
		if (!m.find()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length());
		do {
			String masked = m.group(1) != null ? idNumber(m.group(1)) : phone(m.group(2).replaceAll("[- ]", ""));
			m.appendReplacement(out, Matcher.quoteReplacement(masked));
		}
		while (m.find());
		m.appendTail(out);
		return out.toString();
	}
}
