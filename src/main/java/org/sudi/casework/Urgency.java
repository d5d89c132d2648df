package org.sudi.casework;

public enum Urgency {
	NORMAL, URGENT
}
