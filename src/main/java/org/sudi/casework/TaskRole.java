package org.sudi.casework;

/** 主办 (one per round) or 协办. */
public enum TaskRole {
	LEAD, ASSIST
}
