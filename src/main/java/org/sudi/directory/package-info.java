/**
 * Organisation units (district, command centre, towns, villages, departments, enterprises), accounts,
 * roles and jurisdiction. {@link org.sudi.directory.Actor} is who is acting, as every module sees it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Directory")
package org.sudi.directory;
