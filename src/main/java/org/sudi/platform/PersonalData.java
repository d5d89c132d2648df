package org.sudi.platform;

import java.util.List;

/**
 * Personal data at rest (ADR 0028): requester names and phone numbers are stored sealed (SM4-GCM or
 * AES-GCM, with the id of the key that sealed them) and found through a keyed hash (HMAC-SHA256 of the
 * normalised value), so that no plaintext is ever written to or compared in SQL.
 *
 * <p>A sealed value reads {@code pd1.<algorithm>.<key id>.<Base64url(iv | ciphertext | tag)>}; the
 * {@code context} (the column, e.g. {@code cases.requester_phone}) is bound to it as associated data,
 * so a value moved to another column no longer opens.
 */
public interface PersonalData {

	/** Seals a value for the column {@code context}; {@code null} stays {@code null}. */
	String seal(String context, String plaintext);

	/**
	 * Opens a value sealed for the column {@code context}; {@code null} stays {@code null}.
	 * @throws PersonalDataException when the value was altered, sealed for another column, or under an unknown key
	 */
	String open(String context, String sealed);

	/** Whether the value is sealed under the current key and algorithm (nothing to rotate). */
	boolean isCurrent(String sealed);

	/** The keyed hash of a phone number (normalised: digits only, without +86) under the current key, or null. */
	String phoneIndex(String phone);

	/** The keyed hashes of a phone number under every known key (current first), to look it up during a rotation. */
	List<String> phoneIndexes(String phone);

	/** A value that cannot be opened: altered, moved, or sealed under a key that is not configured. */
	class PersonalDataException extends RuntimeException {
		public PersonalDataException(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** Digits only, without a leading +86 / 0086 country code; null when nothing is left. */
	static String normalisePhone(String phone) {
		if (phone == null) {
			return null;
		}
		StringBuilder kept = new StringBuilder(phone.length());
		for (int i = 0; i < phone.length(); i++) {
			char c = phone.charAt(i);
			if (c >= '0' && c <= '9') {
				kept.append(c);
			}
		}
		String digits = kept.toString();
		if (digits.length() == 13 && digits.startsWith("86")) {
			digits = digits.substring(2);
		}
		else if (digits.length() == 15 && digits.startsWith("0086")) {
			digits = digits.substring(4);
		}
		return digits.isEmpty() ? null : digits;
	}
}
