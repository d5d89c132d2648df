package org.sudi.grid;

/** 基础网格 under a village, or 专属网格 around one host unit. */
public enum GridKind {
	BASIC, SPECIAL
}
