-- Idempotency-Key on creating requests (ADR 0030): one row per (scope, caller, key). The primary key makes
-- concurrent retries with one key wait for the first and then replay its result; rows past expires_at are
-- reused or swept.
create table idempotency_key (
    scope       text        not null,
    caller      text        not null,
    key         text        not null,
    fingerprint text        not null,
    result      text,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    primary key (scope, caller, key)
);
create index idempotency_key_expiry on idempotency_key (expires_at);
