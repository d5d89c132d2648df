-- casework: the command centre's queue of return and extension requests (and its home-page tile) reads
-- the tasks with a pending request, oldest dispatch first. Without an index it read every case in
-- progress and probed its tasks (79 ms at 200,000 cases; about 100,000 cases in progress at 10 million).
-- A handful of tasks carry a request at any time, so the partial index stays tiny (ADR 0033).
create index case_task_pending_idx on case_task (pending_kind, dispatched_at) where pending_kind is not null;
