package org.sudi.directory.internal;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.stereotype.Component;
import org.sudi.platform.AuditKind;
import org.sudi.platform.AuditTrail;

/** Records sign-outs (Spring Security publishes one event per {@code POST /logout}). */
@Component
class SignOutAudit {

	private final AuditTrail audit;

	SignOutAudit(AuditTrail audit) {
		this.audit = audit;
	}

	@EventListener
	void signedOut(LogoutSuccessEvent event) {
		String name = event.getAuthentication().getName();
		audit.record(AuditKind.SIGN_OUT, name, name, "console");
	}
}
