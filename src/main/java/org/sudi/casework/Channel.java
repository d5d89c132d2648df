package org.sudi.casework;

/** Where a case came in. */
public enum Channel {
	WECHAT, H5, HOTLINE, GRID, POLICE_110, TOWN, DEPARTMENT, ENTERPRISE, OPEN311, PATROL
}
