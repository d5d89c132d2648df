package org.sudi.assessment;

/** The situations of the district's accountability rules. */
public enum Situation {
	/** 作风不实 */
	SLOPPY_WORK_STYLE,
	/** 落实不力: e.g. the same case failed twice in a row */
	POOR_IMPLEMENTATION,
	/** 推诿扯皮 */
	BUCK_PASSING,
	/** 拒不执行指挥中心安排 */
	DEFYING_COMMAND_CENTER,
	/** configurable */
	OTHER_1,
	/** configurable */
	OTHER_2
}
