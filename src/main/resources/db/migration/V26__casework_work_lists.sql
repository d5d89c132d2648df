-- casework: a unit's work lists (ADR 0033). Which list holds an open task depended on its case (in progress,
-- in the task's round; for "to complete", its type), read by joining every open task to its case: about
-- 5,500 look-ups for a large department at 10 million cases, for the tab counts alone. The task now carries
-- that answer: its case's type while the case is IN_PROGRESS in the task's round, '' otherwise; Cases.save
-- writes it with the task, and for all of the case's tasks when the case's status or round changes.
-- Null means "not derived" (rows written around the application): the query then reads the case.
alter table case_task add column work_case_type text;

-- The open tasks (about 100,000 rows at 10 million cases); others are never on a work list.
update case_task t set work_case_type = case when c.status = 'IN_PROGRESS' and c.round = t.round then c.type else '' end
from cases c
where c.id = t.case_id and t.status in ('DISPATCHED', 'SIGNED', 'ARRIVED');

-- The command centre's queue of return and extension requests (and its home-page tile) reads the tasks with a
-- pending request, oldest dispatch first; without an index it read every case in progress and probed its tasks
-- (79 ms at 200,000 cases). A handful of tasks carry a request at any time.
create index case_task_pending_idx on case_task (pending_kind, dispatched_at) where pending_kind is not null;
