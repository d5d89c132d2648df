/**
 * Assessment of units and the accountability register (问责). For now it keeps the register, opened
 * from casework's {@link org.sudi.casework.ReworkOrdered} events on the second and every further
 * consecutive failure of a case.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment")
package org.sudi.assessment;
