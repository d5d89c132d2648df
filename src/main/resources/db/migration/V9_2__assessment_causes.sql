-- assessment: what opened a record (REPEATED_FAILURE: 2nd+ failure in a row; LONG_OVERDUE: a task far past
-- its deadline), and the task it concerns.
alter table accountability_record add column cause text not null default 'REPEATED_FAILURE';
alter table accountability_record add column task_id uuid;
alter table accountability_record drop constraint accountability_record_case_id_round_org_id_situation_key;
create unique index accountability_repeated_failure on accountability_record (case_id, round, org_id)
    where cause = 'REPEATED_FAILURE';
create unique index accountability_long_overdue on accountability_record (task_id) where cause = 'LONG_OVERDUE';
