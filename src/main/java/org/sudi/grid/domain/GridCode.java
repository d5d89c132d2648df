package org.sudi.grid.domain;

import java.util.regex.Pattern;

/**
 * The 15-digit grid code of unit-grid coding practice: the 6-digit county code 370404 of 峄城区, the
 * 3-digit town (街道/乡镇) and 3-digit village (社区/村) of the statistical division code, and a 3-digit
 * sequence within the village: 001–899 for basic grids, 901–999 for special grids (a convention of
 * this platform, ADR 0011).
 */
public final class GridCode {

	public static final String COUNTY = "370404";

	private static final Pattern CODE = Pattern.compile("370404\\d{9}");

	private GridCode() {
	}

	public static boolean isValid(String code) {
		return code != null && CODE.matcher(code).matches() && !code.endsWith("000");
	}

	/** The 12-digit division code of the grid's village. */
	public static String villageDivision(String code) {
		return code.substring(0, 12);
	}

	public static int sequence(String code) {
		return Integer.parseInt(code.substring(12));
	}

	public static boolean isSpecialSequence(String code) {
		return sequence(code) >= 901;
	}

	public static String of(String villageDivision, int sequence) {
		if (sequence < 1 || sequence > 999) {
			throw new IllegalArgumentException("grid sequence out of range: " + sequence);
		}
		return villageDivision + String.format("%03d", sequence);
	}
}
