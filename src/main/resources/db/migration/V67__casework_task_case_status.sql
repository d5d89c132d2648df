-- casework: the count of "the open cases a unit may read" from an index alone (ADR 0033, "The total").
--
-- case_task.case_status: the status of the task's case, copied onto each of its tasks. Cases.save already rewrites
-- every task row of a case whose status or round changes (for work_case_type, V63), so the copy costs no extra
-- write. The unit's tasks of open cases are then an index of their own (org_id, case_status, case_id): a list's
-- total counts the distinct cases there (about 9,000 entries for the largest department at 10 M cases) without
-- reading each open case's row, which took about 8,000 heap pages per count.
--
-- Existing rows read 'CLOSED' without rewriting the table (a default set and dropped), and the tasks of the open
-- cases are derived below; rows inserted later without the column get null ("not derived": rows written around
-- the application), which the queries treat as they treat a null cases.task_org_ids.
alter table case_task add column case_status text default 'CLOSED';
alter table case_task alter column case_status drop default;

update case_task t set case_status = c.status
from cases c
where c.id = t.case_id and c.status <> 'CLOSED';

create index case_task_open_case_idx on case_task (org_id, case_status, case_id) where case_status <> 'CLOSED';
-- Tasks whose copy was never derived (none but rows written around the application), by unit.
create index case_task_case_status_unknown_idx on case_task (org_id) where case_status is null;

-- The total reads that index alone only where the visibility map marks the pages all-visible; a task changed since
-- the last vacuum costs a visit to its row (as every open case did before). So case_task is vacuumed after every
-- 5,000 changes or inserts instead of 1 % of the table (V63: about 114,000 at 10 M cases). Such a vacuum reads only
-- the pages changed since the last one and skips the index cleanup while few pages hold dead rows (PostgreSQL 14+).
alter table case_task set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
                           autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);
analyze case_task;
