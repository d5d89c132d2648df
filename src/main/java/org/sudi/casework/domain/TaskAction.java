package org.sudi.casework.domain;

/** The task-level transitions a page can offer; see {@link Case#allowedTaskActions}. */
public enum TaskAction {
	SIGN, ARRIVE, COMPLETE, REQUEST_RETURN, REQUEST_EXTENSION, DECIDE_RETURN, DECIDE_EXTENSION
}
