package org.sudi.insight.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.sudi.casework.CaseClosed;
import org.sudi.casework.CaseDispatched;
import org.sudi.casework.CaseInstructed;
import org.sudi.casework.ReworkOrdered;
import org.sudi.clock.DeadlineMissed;
import org.sudi.insight.WatchAlert;

/**
 * Leaders hear of the key events on what they watch: dispatch, an overdue step, rework, an
 * instruction by someone else, closure. Runs before the rollups forget a closing case.
 */
@Component
class WatchNotifier {

	private final JdbcClient jdbc;
	private final ApplicationEventPublisher events;

	WatchNotifier(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@EventListener
	@Order(1)
	void on(CaseDispatched e) {
		if (!e.byTown()) {
			alert(e.caseId(), null, "已派单 dispatched", "关注的诉求 %s 已派单。", "dispatched:" + e.caseId() + ":" + e.round()
					+ ":" + e.tasks().get(0).taskId(), e.at());
		}
	}

	@EventListener
	@Order(1)
	void on(DeadlineMissed e) {
		alert(e.caseId(), null, "超期 overdue", "关注的诉求 %s 有步骤已超期。",
				"watch-missed:" + e.caseId() + ":" + e.taskId() + ":" + e.step() + ":" + e.dueAt(), e.at());
	}

	@EventListener
	@Order(1)
	void on(ReworkOrdered e) {
		alert(e.caseId(), null, "重办 rework", "关注的诉求 %s 未通过评价，已重办（第" + e.newRound() + "轮）。",
				"watch-rework:" + e.caseId() + ":" + e.newRound(), e.at());
	}

	@EventListener
	@Order(1)
	void on(CaseInstructed e) {
		alert(e.caseId(), e.byUsername(), "领导批示 instruction", "关注的诉求 %s 有新批示：" + e.text(),
				"watch-instructed:" + e.caseId() + ":" + e.at(), e.at());
	}

	@EventListener
	@Order(1)
	void on(CaseClosed e) {
		alert(e.caseId(), null, "已关闭 closed", "关注的诉求 %s 已关闭（" + e.outcome() + "）。", "watch-closed:" + e.caseId(),
				e.at());
	}

	private void alert(UUID caseId, String except, String title, String body, String key, Instant at) {
		// The leaders watching the case, its town, its category or one of its units (one statement: most
		// changes have none).
		List<Map<String, Object>> rows = jdbc.sql("""
				select distinct w.username, o.tracking_no from ins_watch w, ins_open_case o where o.case_id = ? and (
				    (w.kind = 'CASE' and w.target = o.case_id::text)
				 or (w.kind = 'TOWN' and w.target = o.town_id::text)
				 or (w.kind = 'CATEGORY' and (o.category_code = w.target or o.category_code like w.target || '.%'))
				 or (w.kind = 'DEPARTMENT' and w.target = any(o.unit_ids::text[])))
				order by 1""")
			.param(caseId)
			.query()
			.listOfRows();
		List<String> leaders = rows.stream().map(r -> (String) r.get("username")).filter(u -> !u.equals(except)).toList();
		if (!leaders.isEmpty()) {
			String trackingNo = (String) rows.get(0).get("tracking_no");
			events.publishEvent(new WatchAlert(leaders, caseId, trackingNo, title + " " + trackingNo,
					String.format(body, trackingNo), key, at));
		}
	}
}
