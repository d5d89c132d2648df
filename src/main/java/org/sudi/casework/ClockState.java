package org.sudi.casework;

/** How a running step stands against its deadline: green, yellow (warning) or red (overdue). */
public enum ClockState {
	ON_TIME, WARNING, OVERDUE
}
