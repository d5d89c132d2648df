package org.sudi.channel.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sudi.casework.CaseHistoryEntry;

/**
 * A case's timeline in plain words for the requester and for outside systems: what happened, without
 * the internal notes of the units (a town's reason to escalate, a dispatch note, a return request);
 * the notes that speak to the requester (a result, a reason to reject, their own additions and
 * evaluation) are kept. Internal steps nobody outside needs (task requests and decisions) are left out.
 */
public final class TimelineWords {

	private record Words(String zh, String en) {
	}

	private static final Map<String, Words> WORDS = Map.ofEntries(
			Map.entry("SUBMIT", new Words("诉求已提交", "Request received")),
			Map.entry("ACCEPT", new Words("镇街已受理，正在办理", "Accepted by the town, being handled")),
			Map.entry("ESCALATE", new Words("已上报区级，由区指挥中心分派", "Sent up to the district to be assigned")),
			Map.entry("DISPATCH", new Words("已派给责任部门办理", "Assigned to the responsible department")),
			Map.entry("SIGN", new Words("办理单位已签收", "The handling unit took it on")),
			Map.entry("ARRIVE", new Words("工作人员已到现场", "Staff are on site")),
			Map.entry("COMPLETE", new Words("办理单位已办结", "The handling unit reports it done")),
			Map.entry("RETURN_APPROVED", new Words("正在重新分派", "Being assigned again")),
			Map.entry("EXTENSION_APPROVED", new Words("办理期限已延长", "The time to handle it was extended")),
			Map.entry("EVALUATE", new Words("已评价", "Evaluated")),
			Map.entry("VERIFY", new Words("已核查办理结果", "The result was checked")),
			Map.entry("REWORK", new Words("重新办理", "Sent back to be handled again")),
			Map.entry("CLOSE", new Words("诉求已办结", "Request resolved")),
			Map.entry("REJECT", new Words("不予受理", "Not accepted")),
			Map.entry("MERGE", new Words("与相同诉求合并办理", "Merged with the same request")),
			Map.entry("WITHDRAW", new Words("已撤回", "Withdrawn")),
			Map.entry("ADD_INFORMATION", new Words("补充了信息", "Information added")));

	/** Actions whose note is meant for the requester. */
	private static final Set<String> PUBLIC_NOTES = Set.of("COMPLETE", "REJECT", "WITHDRAW", "ADD_INFORMATION",
			"EVALUATE");

	private TimelineWords() {
	}

	/** Whether the entry is shown outside at all. */
	public static boolean shown(CaseHistoryEntry e) {
		return WORDS.containsKey(e.action());
	}

	public static String text(CaseHistoryEntry e, Locale locale) {
		Words w = WORDS.get(e.action());
		if (w == null) {
			return e.action();
		}
		return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? w.en() : w.zh();
	}

	public static String bilingual(CaseHistoryEntry e) {
		Words w = WORDS.get(e.action());
		return w == null ? e.action() : w.zh() + " " + w.en();
	}

	/** The note, when it is meant for the requester; null otherwise. */
	public static String publicNote(CaseHistoryEntry e) {
		return PUBLIC_NOTES.contains(e.action()) ? e.note() : null;
	}
}
