-- casework: "the cases a unit may read" (ADR 0033). The rule's branch "a task of the unit" was a correlated
-- EXISTS over case_task, so a unit's list of OPEN cases read every open case (about 160,000 at 10 million
-- cases) or hashed all of the unit's tasks (about 550,000 for a large department): both grow with the
-- history. Each case now carries, while it is open, the units holding a task of it (any round, any status;
-- emptied when the case closes, kept by Cases.save with the aggregate), and each branch of the rule has an
-- index over the open cases only, so PostgreSQL combines them (BitmapOr) and reads just the unit's open cases.
alter table cases add column task_org_ids bigint[] not null default '{}';

-- The open cases' units from their tasks (at 10 million cases about 160,000 rows; closed ones stay empty).
update cases c set task_org_ids = u.org_ids
from (select t.case_id, array_agg(distinct t.org_id order by t.org_id) as org_ids
      from case_task t join cases o on o.id = t.case_id and o.status <> 'CLOSED'
      group by t.case_id) u
where c.id = u.case_id;

create index cases_open_task_orgs_idx on cases using gin (task_org_ids) where status <> 'CLOSED';
create index cases_open_initiating_idx on cases (initiating_org_id) where status <> 'CLOSED';
create index cases_open_created_by_idx on cases (created_by) where status <> 'CLOSED';
create index cases_open_town_idx on cases (town_id) where status <> 'CLOSED';
