-- assessment: a period's measures are range queries on the facts' time columns (MeasureQueries); with
-- only (org, time) indexes each month's figures scanned the whole fact table (≈ 0.4 s per table at a
-- million cases, docs/benchmarks.md). Time-leading indexes carrying the counted columns let them read
-- the period's entries only, without visiting the table once it is vacuumed.
create index asm_task_dispatched_idx on asm_task_fact (dispatched_at)
    include (org_id, sign_due, signed_at, complete_due, completed_at, returned_at);
create index asm_case_submitted_review_idx on asm_case_fact (submitted_at)
    include (review_town_id, review_due, reviewed_at) where review_town_id is not null;
create index asm_case_closed_lead_idx on asm_case_fact (closed_at)
    include (closed_lead_org_id, outcome, reworked) where closed_lead_org_id is not null;
create index asm_judgement_judged_idx on asm_judgement (judged_at)
    include (lead_org_id, rating, rework, verification_failed, evaluator_org_id);
create index asm_request_decided_idx on asm_request_fact (decided_at) include (org_id, kind, approved);
create index asm_deadline_miss_at_idx on asm_deadline_miss (at) include (org_id);
create index asm_supervision_at_idx on asm_supervision_fact (at) include (org_id);
