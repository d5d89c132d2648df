/**
 * The heart: the {@code Case} aggregate (诉求) with its tasks, evaluations, rework rounds and
 * timeline, implementing the closed loop. Other modules learn what happened from the past-tense
 * events in this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Casework")
package org.sudi.casework;
