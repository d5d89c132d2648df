package org.sudi.channel.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.channel.SmsSender;

/** The demo SMS sender, unless the deployment provides a real one. */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {

	@Bean
	@ConditionalOnMissingBean(SmsSender.class)
	LoggingSmsSender loggingSmsSender() {
		return new LoggingSmsSender();
	}
}
