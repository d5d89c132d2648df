package org.sudi.directory.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.platform.PersonalDataColumn;

/** The directory's column holding personal data (ADR 0028), for the platform to seal and re-seal. */
@Configuration(proxyBeanMethods = false)
class AccountPersonalData {

	@Bean
	PersonalDataColumn accountPhone() {
		return Accounts.PHONE;
	}
}
