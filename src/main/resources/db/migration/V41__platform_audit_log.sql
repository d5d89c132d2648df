-- platform: the audit log (ADR 0027). Append-only and tamper-evident: each row carries
-- HMAC-SHA256(key, canonical content || previous row's hash); rows are numbered without gaps under the
-- head row's lock, so writers on every node are serialised. UPDATE and TRUNCATE are refused by
-- triggers; DELETE only of rows older than 180 days (the retention purge), which leaves an anchor.
create table audit_log (
    id             bigint primary key,
    occurred_at    timestamp with time zone not null,
    kind           text not null,
    actor          text,
    subject        text,
    detail         text,
    source_address text,
    key_id         text not null,
    prev_hash      text not null,
    hash           text not null
);
create index audit_log_occurred_idx on audit_log (occurred_at);
create index audit_log_actor_idx on audit_log (actor, id);

-- One row: the last id and hash written. Its row lock serialises writers across nodes.
create table audit_head (
    singleton boolean primary key default true check (singleton),
    last_id   bigint not null,
    last_hash text not null
);
insert into audit_head(last_id, last_hash) values (0, repeat('0', 64));

-- Where a purge cut the chain: rows up to through_id are gone; through_hash was the hash of that row,
-- so verification starts from the newest anchor.
create table audit_anchor (
    through_id   bigint primary key,
    through_hash text not null,
    purged_at    timestamp with time zone not null
);

create function audit_log_protect() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and tg_table_name = 'audit_log' then
        if old.occurred_at < now() - interval '180 days' then
            return old;
        end if;
    end if;
    raise exception 'the audit log is append-only (% on % refused)', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_protect();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_protect();
create trigger audit_anchor_append_only before update or delete on audit_anchor
    for each row execute function audit_log_protect();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function audit_log_protect();
