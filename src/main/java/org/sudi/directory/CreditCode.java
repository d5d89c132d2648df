package org.sudi.directory;

import java.util.Locale;

import org.sudi.platform.InvalidInputException;

/**
 * 统一社会信用代码: the 18-character unified social credit code of an organisation (GB 32100-2015):
 * registration authority, organisation type, 6-digit administrative region, 9-character organisation
 * code and a check character, from the 31 characters {@value #ALPHABET}, the last computed modulo 31
 * with weights 3^i mod 31.
 */
public record CreditCode(String value) {

	static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

	private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

	public CreditCode {
		if (!isValid(value)) {
			throw new InvalidInputException("creditCode", "is not a valid unified social credit code (统一社会信用代码)");
		}
	}

	/** Parses user input: surrounding spaces dropped, letters upper-cased. */
	public static CreditCode parse(String input) {
		return new CreditCode(input == null ? null : input.strip().toUpperCase(Locale.ROOT));
	}

	public static boolean isValid(String code) {
		if (code == null || code.length() != 18) {
			return false;
		}
		for (int i = 0; i < 18; i++) {
			if (ALPHABET.indexOf(code.charAt(i)) < 0) {
				return false;
			}
		}
		for (int i = 2; i < 8; i++) {
			if (!Character.isDigit(code.charAt(i))) {
				return false;
			}
		}
		return code.charAt(17) == checkCharacter(code.substring(0, 17));
	}

	/** The check character of the first 17 characters. */
	public static char checkCharacter(String first17) {
		int sum = 0;
		for (int i = 0; i < 17; i++) {
			sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
		}
		int check = (31 - sum % 31) % 31;
		return ALPHABET.charAt(check);
	}
}
