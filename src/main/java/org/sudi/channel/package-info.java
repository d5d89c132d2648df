/**
 * Channels (渠道): adapters that turn outside input into cases and answer about them — the mobile
 * portal (H5) for citizens and enterprises with one-time SMS codes, the WeChat official account,
 * the 110 non-police transfer API and Open311 GeoReport v2 for integration clients — with abuse
 * control on every public entry. Cases are filed and read only through casework's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channel")
package org.sudi.channel;
