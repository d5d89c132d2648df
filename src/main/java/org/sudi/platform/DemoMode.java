package org.sudi.platform;

/**
 * Whether this instance runs the demo district: seeded data and the demo password. On when the
 * embedded database runs unless {@code sudi.demo.enabled=false}; on an external database only with
 * {@code sudi.demo.enabled=true} (profile {@code demo}).
 */
public record DemoMode(boolean enabled, String password) {
}
