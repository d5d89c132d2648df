-- casework: "the open cases a unit may read" (ADR 0033). The rule's branch "a task of the unit" was a
-- correlated EXISTS over case_task, so a unit's list of OPEN cases read every open case (about 160,000 at
-- 10 million cases) and hashed all of the unit's tasks (about 550,000 for a large department). Each case now
-- carries, while it is open, the units holding a task of it (any round, any status; empty once closed; kept
-- by Cases.save with the aggregate), and each branch of the rule has an index over the open cases only, so
-- PostgreSQL combines them (BitmapOr) and reads just the cases the unit may see.
-- Null means "not derived" (rows written around the application, e.g. by the data generator): the query
-- then asks case_task for that case, found through the small index on such rows.
alter table cases add column task_org_ids bigint[];

-- The open cases' units from their tasks (about 160,000 rows at 10 million cases); closed ones stay null.
update cases c set task_org_ids = coalesce((select array_agg(distinct t.org_id order by t.org_id)
                                            from case_task t where t.case_id = c.id), '{}')
where c.status <> 'CLOSED';

create index cases_open_task_orgs_idx on cases using gin (task_org_ids) where status <> 'CLOSED';
create index cases_open_units_unknown_idx on cases (id) where status <> 'CLOSED' and task_org_ids is null;
create index cases_open_initiating_idx on cases (initiating_org_id) where status <> 'CLOSED';
create index cases_open_created_by_idx on cases (created_by) where status <> 'CLOSED';
create index cases_open_town_idx on cases (town_id) where status <> 'CLOSED';
