package org.sudi.casework.domain;

import org.sudi.platform.Masking;

/**
 * Who asked: name and phone as given, and the account when the requester filed it themselves
 * (a citizen or an enterprise), which is the account that may withdraw and evaluate. Stored sealed
 * (ADR 0028); who sees how much of it is {@link Case#requesterAccessOf}.
 */
public record Requester(String name, String phone, String username) {

	/** The phone with its middle digits hidden: 138****0000. */
	public String maskedPhone() {
		return Masking.phone(phone);
	}

	/** Name and phone masked (李*, 138****0000), without the account. */
	public Requester masked() {
		return new Requester(Masking.name(name), maskedPhone(), null);
	}

	/** Never the name or phone in clear, should a requester reach a log line. */
	@Override
	public String toString() {
		return "Requester[name=" + Masking.name(name) + ", phone=" + maskedPhone() + ", username=" + username + "]";
	}
}
