/**
 * Case categories, the duty list (职责清单) that is the basis of every dispatch, and (later) the
 * time-limit policies and the working calendar.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.sudi.catalog;
