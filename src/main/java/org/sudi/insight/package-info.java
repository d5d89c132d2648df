/**
 * Insight (洞察): the command-centre screen (rollups kept by events, a live feed over SSE fanned out
 * through PostgreSQL LISTEN/NOTIFY), the public page, and leader watch (领导关注) with its alerts.
 * Other modules hear of watched events through {@link org.sudi.insight.WatchAlert}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insight")
package org.sudi.insight;
