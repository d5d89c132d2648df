/**
 * Triage help (研判分流): suggests categories and units, each unit with the duty item that makes it
 * responsible and the words that matched, learned from the duty list and from history (imported
 * records of an older hotline system and this platform's own resolved cases); lists possible
 * duplicates of a new case; finds hot spots of similar requests. Pure Java (HanLP for Chinese words).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Triage")
package org.sudi.triage;
