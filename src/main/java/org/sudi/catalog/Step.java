package org.sudi.catalog;

/** The timed steps of the loop. */
public enum Step {
	/** 镇街受理: the town reviews a LIVELIHOOD case */
	TOWN_REVIEW,
	/** 签收 */
	SIGN,
	/** 报到 (for development cases: the first reply) */
	ARRIVE,
	/** 办结 */
	COMPLETE,
	/** 评价 window */
	EVALUATE
}
