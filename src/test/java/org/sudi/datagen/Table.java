package org.sudi.datagen;

/** The tables the generator fills, with the columns it writes, in COPY order. */
enum Table {
	CASES("cases", "id, tracking_no, type, status, outcome, round, green_channel, title, description, category_code, urgency,"
			+ " channel, town_id, lat, lon, address, requester_name, requester_phone, requester_phone_hash, requester_username,"
			+ " created_by, creator_org_id, initiating_org_id, merged_into, consecutive_failures, verification, created_at, updated_at,"
			+ " version, review_warn_at, review_due_at, evaluation_warn_at, evaluation_due_at, anonymous, attachment_ids,"
			+ " village_id, grid_code, special_grid_codes, task_org_ids"),
	CASE_TASK("case_task", "id, case_id, seq, org_id, role, round, status, duty_id, dispatched_at, signed_at, arrived_at,"
			+ " completed_at, result, attachment_ids, pending_kind, pending_reason, pending_days, extension_days, sign_warn_at,"
			+ " sign_due_at, arrive_warn_at, arrive_due_at, complete_warn_at, complete_due_at, work_case_type,"
			+ " case_status, case_created_at"),
	CASE_EVALUATION("case_evaluation", "case_id, round, rating, comment, by_username, by_org_id, at"),
	CASE_TIMELINE("case_timeline", "case_id, at, actor_username, actor_org_id, action, from_status, to_status, note"),
	CLOCK_DEADLINE("clock_deadline", "case_id, tracking_no, task_id, org_id, round, step, case_type, urgency, warn_at,"
			+ " due_at, long_due_at, state, next_at, updated_at"),
	SUPERVISION("supervision", "id, case_id, tracking_no, task_id, org_id, note, deadline, automatic, issued_by, issued_at,"
			+ " missed_at, closed_at, closed_note"),
	ASM_CASE_FACT("asm_case_fact", "case_id, case_type, town_id, initiating_org_id, submitted_at, review_town_id,"
			+ " review_due, reviewed_at, lead_org_id, reworked, closed_at, outcome, closed_lead_org_id"),
	ASM_TASK_FACT("asm_task_fact", "task_id, case_id, org_id, role, round, dispatched_at, sign_due, signed_at,"
			+ " complete_due, completed_at, returned_at, extension_days"),
	ASM_JUDGEMENT("asm_judgement", "case_id, round, lead_org_id, rating, evaluator_org_id, verification_failed, rework,"
			+ " judged_at"),
	ASM_REQUEST_FACT("asm_request_fact", "task_id, case_id, org_id, kind, days, made_at, decided_at, approved"),
	ASM_DEADLINE_MISS("asm_deadline_miss", "case_id, task_id, org_id, step, due_at, at"),
	ASM_SUPERVISION_FACT("asm_supervision_fact", "supervision_id, case_id, task_id, org_id, automatic, at"),
	INS_OPEN_CASE("ins_open_case", "case_id, tracking_no, case_type, channel, town_id, category_code, urgency, status,"
			+ " submitted_at, updated_at, last_action, unit_ids, warning_steps, overdue_steps"),
	INS_STEP_STATE("ins_step_state", "case_id, step_key, state"),
	TRIAGE_CASE("triage_case", "case_id, tracking_no, title, description, category_code, town_id, lead_org_id, lat, lon,"
			+ " created_at, open"),
	TRIAGE_HISTORY("triage_history", "title, text, category_code, org_id, source, happened_on, created_at"),
	GRID_CASE("grid_case", "case_id, grid_code, submitted_on");

	final String table;
	final String columns;

	Table(String table, String columns) {
		this.table = table;
		this.columns = columns;
	}
}
