package org.sudi.channel.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.platform.PersonalDataColumn;

/** The channel's column holding personal data (ADR 0028): one-time codes keep only the number's keyed hash. */
@Configuration(proxyBeanMethods = false)
class ChannelPersonalData {

	@Bean
	PersonalDataColumn smsCodePhone() {
		return OneTimeCodes.PHONE;
	}
}
