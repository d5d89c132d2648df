package org.sudi.casework;

/** How a closed case ended. */
public enum Outcome {
	RESOLVED, REJECTED, MERGED, WITHDRAWN
}
