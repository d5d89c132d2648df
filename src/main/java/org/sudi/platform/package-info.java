/**
 * Cross-cutting configuration only: security, errors (RFC 9457), the clock source, the embedded
 * database, and the few exception types every module uses to say why a request cannot be done.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.sudi.platform;
