-- casework: the page of "the open cases a unit may read" from the unit's tasks too (ADR 0033, "The total and
-- the page").
--
-- case_task.case_created_at: when the task's case was submitted, on each of its tasks (written with case_status,
-- V67; a case's creation never changes). The unit's tasks of open cases, ordered newest case first, are then one
-- index: a page of the unit's open cases reads its first entries instead of every open case the unit may see.
-- At 10 M cases PostgreSQL read and sorted all of them (about 8,000 rows of cases for the largest department)
-- for one page of 20: it multiplies the selectivities of "open" and "a task of the unit" as if they were
-- independent (137 rows estimated, 8,994 found) and cannot know that open cases are the recent ones.
--
-- Derived for the tasks of open cases (the index holds no others); rows written later without it come from
-- writers that also leave case_status null (not derived), which the queries read from the case.
alter table case_task add column case_created_at timestamptz;

update case_task t set case_created_at = c.created_at
from cases c
where c.id = t.case_id and t.case_status <> 'CLOSED';

-- The index of V67 in the list's order, with the status for the per-status totals and pages.
drop index case_task_open_case_idx;
create index case_task_open_case_idx on case_task (org_id, case_created_at desc, case_id desc) include (case_status)
    where case_status <> 'CLOSED';
analyze case_task;
