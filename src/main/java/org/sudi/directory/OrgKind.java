package org.sudi.directory;

/** The kinds of organisation unit. */
public enum OrgKind {
	DISTRICT, COMMAND_CENTER, TOWN, VILLAGE, DEPARTMENT, ENTERPRISE;

	/** Units that can be given a task (派单): departments, towns and villages. */
	public boolean canHandleTasks() {
		return this == DEPARTMENT || this == TOWN || this == VILLAGE;
	}
}
