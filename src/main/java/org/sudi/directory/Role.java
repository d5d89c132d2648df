package org.sudi.directory;

/** What an account may do; combined with its unit it decides every permission. */
public enum Role {
	ADMIN, DISPATCHER, HOTLINE, LEADER, DISCIPLINE, TOWN_OPERATOR, VILLAGE_OPERATOR, DEPARTMENT_STAFF,
	GRID_WORKER, CITIZEN, ENTERPRISE
}
