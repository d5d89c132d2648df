package org.sudi.assessment;

/**
 * One unit's assessment for a period: its measures, rates, the bottom-up score (departments), the
 * composite score, its rank among units of its kind and its rule flag.
 *
 * @param kind DEPARTMENT or TOWN
 * @param bottomUp average of the towns' scores and the whistle-blowing towns' evaluations (0–100), or null
 * @param composite 0–100, or null when the unit had nothing to measure (then it is not ranked)
 * @param flag {@link Flag#ADVANCED} (先进集体), {@link Flag#DISQUALIFIED} (取消评先树优资格) or null
 */
public record UnitResult(long orgId, String orgName, String kind, Measures measures, Double responseRate,
		Double onTimeCompletionRate, Double resolutionRate, Double satisfactionRate, Double reworkRate,
		Double approvedReturnRate, Double bottomUp, Double composite, Integer rank, Flag flag) {

	public enum Flag {
		/** 先进集体 */
		ADVANCED,
		/** 取消评先树优资格 */
		DISQUALIFIED
	}
}
