-- casework: a unit's work lists read its open tasks only (at a million cases a large department has
-- tens of thousands of tasks, a few hundred of them open), oldest dispatch first; and "the cases a unit
-- may read" looks up the unit's cases from the index alone.
create index case_task_open_idx on case_task (org_id, status, dispatched_at)
    where status in ('DISPATCHED', 'SIGNED', 'ARRIVED');
create index case_task_org_case_idx on case_task (org_id, case_id);
