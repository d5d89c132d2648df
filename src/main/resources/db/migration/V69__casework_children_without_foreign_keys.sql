-- casework: a case's own rows (tasks, timeline, evaluations) without foreign keys to cases (ADR 0035).
-- Only Cases writes them, in the transaction that inserts the case or updates its row under its
-- version, and no case is ever deleted; the check per child row (a key-share lock on the case row
-- through the referential-integrity trigger) cost ≈ 90 µs of server time, ten times per loop.
alter table case_task drop constraint case_task_case_id_fkey;
alter table case_timeline drop constraint case_timeline_case_id_fkey;
alter table case_evaluation drop constraint case_evaluation_case_id_fkey;
comment on table case_task is 'Rows of the case aggregate, written only by Cases in the transaction of their case (no foreign key: ADR 0035).';
comment on table case_timeline is 'Rows of the case aggregate, written only by Cases in the transaction of their case (no foreign key: ADR 0035).';
comment on table case_evaluation is 'Rows of the case aggregate, written only by Cases in the transaction of their case (no foreign key: ADR 0035).';
