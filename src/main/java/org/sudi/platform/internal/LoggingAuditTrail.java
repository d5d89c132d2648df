package org.sudi.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;

/** Scaffolding until the tamper-evident audit log lands (issue 10): writes audit records to the log only. */
@Configuration(proxyBeanMethods = false)
class LoggingAuditTrail {

	private static final Logger log = LoggerFactory.getLogger("org.sudi.audit");

	@Bean
	@ConditionalOnMissingBean
	AuditTrail auditTrail() {
		return (AuditKind kind, String actor, String subject, String detail) ->
			log.info("audit {} by {} on {}: {}", kind, actor, subject, detail);
	}
}
