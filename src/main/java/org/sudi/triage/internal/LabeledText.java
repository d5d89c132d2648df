package org.sudi.triage.internal;

/** A labelled message as read from history (or a TSV file). */
public record LabeledText(String id, String title, String text, String label) {
}
