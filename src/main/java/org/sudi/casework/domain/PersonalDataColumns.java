package org.sudi.casework.domain;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.platform.PersonalDataColumn;

/** The casework columns holding personal data (ADR 0028), for the platform to seal and re-seal. */
@Configuration(proxyBeanMethods = false)
public class PersonalDataColumns {

	@Bean
	PersonalDataColumn caseRequesterName() {
		return Cases.REQUESTER_NAME;
	}

	@Bean
	PersonalDataColumn caseRequesterPhone() {
		return Cases.REQUESTER_PHONE;
	}
}
