package org.sudi.triage;

/** What the triage module offers the other modules (the console's dispatch dialog, the town review). */
public interface Triage {

	Suggestions suggest(String title, String description, Double lat, Double lon);
}
