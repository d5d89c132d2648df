package org.sudi.channel.internal;

import org.sudi.casework.CaseStatus;
import org.sudi.casework.CaseSummary;
import org.sudi.casework.Outcome;

/** Plain words for where a case stands, for requesters and outside systems (key into the channel bundle). */
public final class StatusWords {

	private StatusWords() {
	}

	/** The message key of the case's status, e.g. {@code channel.status.IN_PROGRESS} or {@code channel.outcome.RESOLVED}. */
	public static String key(CaseStatus status, Outcome outcome) {
		return status == CaseStatus.CLOSED && outcome != null ? "channel.outcome." + outcome.name()
				: "channel.status." + status.name();
	}

	public static String key(CaseSummary c) {
		return key(c.status(), c.outcome());
	}

	/** The same in Chinese and English, for API answers that are not localised. */
	public static String text(CaseStatus status, Outcome outcome) {
		if (status == CaseStatus.CLOSED && outcome != null) {
			return switch (outcome) {
				case RESOLVED -> "已办结 resolved";
				case REJECTED -> "不予受理 rejected";
				case MERGED -> "已合并办理 merged with another request";
				case WITHDRAWN -> "已撤回 withdrawn";
			};
		}
		return switch (status) {
			case TOWN_REVIEW -> "镇街受理中 being reviewed by the town";
			case DISTRICT_TRIAGE -> "区级研判分流中 being assigned by the district";
			case IN_PROGRESS -> "办理中 in progress";
			case PENDING_EVALUATION -> "已办结待评价 done, awaiting evaluation";
			case CLOSED -> "已关闭 closed";
		};
	}
}
