package org.sudi.assessment;

/**
 * What a unit did in a period, counted from the assessment's facts, and the rates made of them. A rate
 * is null when its denominator is zero (nothing to judge). Counts add up: a town's measures are the sum
 * of its own and its villages'.
 *
 * @param received tasks dispatched to the unit (each rework round's task counts again)
 * @param signedOnTime of those, signed (签收) by the sign deadline
 * @param reviews cases that went to the town's review (towns only)
 * @param reviewsOnTime of those, accepted, escalated or rejected by the review deadline
 * @param completable tasks received and not returned with approval
 * @param completedOnTime of those, completed by the completion deadline (as moved by extensions)
 * @param closed cases closed in the period with the unit as lead
 * @param resolvedFirstTime of those, RESOLVED without any rework round
 * @param satisfied evaluations 满意 of rounds the unit led
 * @param basicallySatisfied 基本满意
 * @param unsatisfied 不满意
 * @param notGiven evaluation windows that ended unanswered (counted apart, not in the satisfaction rate)
 * @param judged rounds judged (evaluated, or failed on verification)
 * @param reworks rounds that failed and were sent back (重办)
 * @param returnRequests return requests (退单) decided in the period
 * @param returnsApproved of those, approved
 * @param extensionRequests extension requests (延期) decided
 * @param extensionsApproved of those, approved
 * @param overdue deadlines missed (sign, arrive, complete, town review)
 * @param supervisions supervisions (督办) issued on the unit
 * @param accountability accountability records (问责) opened against the unit
 */
public record Measures(long received, long signedOnTime, long reviews, long reviewsOnTime, long completable,
		long completedOnTime, long closed, long resolvedFirstTime, long satisfied, long basicallySatisfied,
		long unsatisfied, long notGiven, long judged, long reworks, long returnRequests, long returnsApproved,
		long extensionRequests, long extensionsApproved, long overdue, long supervisions, long accountability) {

	public static final Measures NONE = new Measures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	public Measures plus(Measures o) {
		return new Measures(received + o.received, signedOnTime + o.signedOnTime, reviews + o.reviews,
				reviewsOnTime + o.reviewsOnTime, completable + o.completable, completedOnTime + o.completedOnTime,
				closed + o.closed, resolvedFirstTime + o.resolvedFirstTime, satisfied + o.satisfied,
				basicallySatisfied + o.basicallySatisfied, unsatisfied + o.unsatisfied, notGiven + o.notGiven,
				judged + o.judged, reworks + o.reworks, returnRequests + o.returnRequests,
				returnsApproved + o.returnsApproved, extensionRequests + o.extensionRequests,
				extensionsApproved + o.extensionsApproved, overdue + o.overdue, supervisions + o.supervisions,
				accountability + o.accountability);
	}

	/** 响应率: (tasks signed on time + reviews done on time) / (tasks received + reviews). */
	public Double responseRate() {
		return ratio(signedOnTime + reviewsOnTime, received + reviews);
	}

	/** 按时办结率. */
	public Double onTimeCompletionRate() {
		return ratio(completedOnTime, completable);
	}

	/** 解决率: closed RESOLVED without rework / closed. */
	public Double resolutionRate() {
		return ratio(resolvedFirstTime, closed);
	}

	/** 满意率: (satisfied + w × basically satisfied) / evaluated; NOT_GIVEN is not evaluated. */
	public Double satisfactionRate(double basicallyWeight) {
		long evaluated = satisfied + basicallySatisfied + unsatisfied;
		return evaluated == 0 ? null : (satisfied + basicallyWeight * basicallySatisfied) / evaluated;
	}

	/** 重办率: reworked rounds / judged rounds. */
	public Double reworkRate() {
		return ratio(reworks, judged);
	}

	/** 退单批准率: approved returns / decided return requests. */
	public Double approvedReturnRate() {
		return ratio(returnsApproved, returnRequests);
	}

	private static Double ratio(long numerator, long denominator) {
		return denominator == 0 ? null : (double) numerator / denominator;
	}
}
