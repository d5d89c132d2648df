package org.sudi.casework.domain;

/**
 * Who asked: name and phone as given, and the account when the requester filed it themselves
 * (a citizen or an enterprise), which is the account that may withdraw and evaluate.
 */
public record Requester(String name, String phone, String username) {

	/** The phone with its middle four digits hidden: 138****0000. */
	public String maskedPhone() {
		if (phone == null) {
			return null;
		}
		if (phone.length() < 7) {
			return "*".repeat(phone.length());
		}
		return phone.substring(0, 3) + "****" + phone.substring(Math.min(phone.length(), 7));
	}
}
