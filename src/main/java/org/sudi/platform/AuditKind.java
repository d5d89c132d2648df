package org.sudi.platform;

/** What an audit record says happened. */
public enum AuditKind {
	SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, ACCOUNT_LOCKED, PASSWORD_CHANGED, SECOND_FACTOR_CHANGED,
	ACCOUNT_CREATED, ROLE_CHANGED, PERMISSION_CHANGED,
	EXPORT, PERSONAL_DATA_VIEWED, CONFIGURATION_CHANGED,
	/** The retention purge removed rows older than the retention period (the chain goes on from an anchor). */
	AUDIT_LOG_PURGED
}
