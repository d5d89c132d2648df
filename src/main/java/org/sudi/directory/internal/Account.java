package org.sudi.directory.internal;

import java.time.Instant;
import java.util.Set;

import org.sudi.directory.Actor;
import org.sudi.directory.Role;

/**
 * A sign-in account of a person; staff belong to exactly one unit. {@code totpSecret} is null while no
 * second factor is enrolled; {@code passwordMustChange} is set when an administrator chose the password.
 */
record Account(long id, String username, String passwordHash, String displayName, Long orgId, String phone,
		boolean enabled, Set<Role> roles, Instant passwordChangedAt, boolean passwordMustChange, String totpSecret,
		Long totpLastStep) {

	Actor asActor() {
		return new Actor(username, displayName, orgId, roles);
	}

	boolean hasSecondFactor() {
		return totpSecret != null;
	}
}
