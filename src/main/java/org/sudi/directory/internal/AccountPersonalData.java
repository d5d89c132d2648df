package org.sudi.directory.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.platform.PersonalDataColumn;

/**
 * The directory's columns holding personal data or secrets (ADR 0028), for the platform to seal and
 * re-seal: the account's mobile, and its TOTP secret (a copied database must not yield second factors).
 */
@Configuration(proxyBeanMethods = false)
class AccountPersonalData {

	@Bean
	PersonalDataColumn accountPhone() {
		return Accounts.PHONE;
	}

	@Bean
	PersonalDataColumn accountTotpSecret() {
		return Accounts.TOTP_SECRET;
	}
}
