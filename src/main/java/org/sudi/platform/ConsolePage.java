package org.sudi.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the staff console's HTML pages (as opposed to the JSON API): its failures
 * render as an error page in the shared layout instead of an RFC 9457 problem, and its views get
 * the layout's model (the signed-in account, its unit, the inbox badge, the language links).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {
}
