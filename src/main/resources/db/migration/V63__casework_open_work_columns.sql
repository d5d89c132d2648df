-- casework: a unit's open cases and work lists cost what the unit has open, not its history (ADR 0033).
--
-- cases.task_org_ids: while a case is open, the units holding a task of it (any round, any status; empty once
-- the case is closed). "The open cases a unit may read" tested the rule's branch "a task of the unit" as a
-- correlated EXISTS over case_task: it read every open case (about 160,000 at 10 million cases) and hashed all
-- of the unit's tasks (about 550,000 for a large department). With the units on the case, and each branch of
-- the rule indexed over the open cases only, PostgreSQL combines the branches (BitmapOr) and reads just the
-- cases the unit may see.
--
-- case_task.work_case_type: the case's type while the case is IN_PROGRESS in the task's round, '' otherwise.
-- With the task's own status it says which work list holds an open task, so the tab counts read the unit's
-- open tasks alone instead of looking up each one's case (about 5,500 for a large department at 10 M).
--
-- Both are written by Cases.save with the aggregate. Null means "not derived" (a row written around the
-- application, e.g. by the data generator): the queries then read case_task or the case for that row.
-- Existing cases read as '{}' (what a closed case holds; the open ones are derived below) without rewriting
-- the table; rows inserted later without the column get null. So the planner sees almost no nulls.
alter table cases add column task_org_ids bigint[] default '{}';
alter table cases alter column task_org_ids drop default;
alter table case_task add column work_case_type text;

-- Derived for what is open: the open cases (about 160,000 rows at 10 M) and the open tasks (about 100,000).
update cases c set task_org_ids = coalesce((select array_agg(distinct t.org_id order by t.org_id)
                                            from case_task t where t.case_id = c.id), '{}')
where c.status <> 'CLOSED';
update case_task t set work_case_type = case when c.status = 'IN_PROGRESS' and c.round = t.round then c.type else '' end
from cases c
where c.id = t.case_id and t.status in ('DISPATCHED', 'SIGNED', 'ARRIVED');

-- One index over the open cases per branch of the visibility rule (the requester's index is already selective),
-- and one over the open cases not derived (empty but for rows written around the application).
create index cases_open_task_orgs_idx on cases using gin (task_org_ids) where status <> 'CLOSED';
create index cases_open_units_unknown_idx on cases (id) where status <> 'CLOSED' and task_org_ids is null;
create index cases_open_initiating_idx on cases (initiating_org_id) where status <> 'CLOSED';
create index cases_open_created_by_idx on cases (created_by) where status <> 'CLOSED';
create index cases_open_town_idx on cases (town_id) where status <> 'CLOSED';

-- The unit's open tasks with what their work lists need (V22's index, now covering): the tab counts read the
-- index alone where the visibility map is current, and a page's branches read it in dispatch order.
drop index case_task_open_idx;
create index case_task_open_idx on case_task (org_id, status, dispatched_at) include (work_case_type, round, case_id)
    where status in ('DISPATCHED', 'SIGNED', 'ARRIVED');
-- ... which needs case_task vacuumed more often than autovacuum's default (20 % of the table: every 2 million
-- changes at 10 M cases, weeks of work): at 1 % a large table is vacuumed about daily, reading only the pages
-- changed since.
alter table case_task set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);

-- The command centre's queue of return and extension requests (and its home-page tile) reads the tasks with a
-- pending request, oldest dispatch first; without an index it read every case in progress and probed its
-- tasks (79 ms at 200,000 cases). A handful of tasks carry a request at any time.
create index case_task_pending_idx on case_task (pending_kind, dispatched_at) where pending_kind is not null;
