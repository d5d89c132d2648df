-- casework: deadlines (限时办理) of the case-level steps and of each task's steps.
alter table cases
    add column review_warn_at     timestamp with time zone,
    add column review_due_at      timestamp with time zone,
    add column evaluation_warn_at timestamp with time zone,
    add column evaluation_due_at  timestamp with time zone;

alter table case_task
    add column sign_warn_at     timestamp with time zone,
    add column sign_due_at      timestamp with time zone,
    add column arrive_warn_at   timestamp with time zone,
    add column arrive_due_at    timestamp with time zone,
    add column complete_warn_at timestamp with time zone,
    add column complete_due_at  timestamp with time zone;
