package org.sudi.catalog;

/** The timed steps of the loop. */
public enum Step {
	/** 镇街受理: the town reviews a LIVELIHOOD case */
	TOWN_REVIEW("镇街受理"),
	/** 签收 */
	SIGN("签收"),
	/** 报到 (for development cases: the first reply) */
	ARRIVE("报到"),
	/** 办结 */
	COMPLETE("办结"),
	/** 评价 window */
	EVALUATE("评价");

	private final String label;

	Step(String label) {
		this.label = label;
	}

	/** The step's name in Chinese, as staff say it. */
	public String label() {
		return label;
	}
}
