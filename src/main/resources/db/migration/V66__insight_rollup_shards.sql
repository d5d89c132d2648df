-- The screen's counters without hot rows (ADR 0034; ADR 0021 named sharding by a bucket column as the
-- remedy). Every intake of a day, type and channel used to update the same ins_day_total row, of a town
-- the same ins_day_town and ins_open_tally rows, holding their locks until commit: concurrent intakes
-- queued on them one commit flush after another. Now each database session writes the counters of its
-- own bucket (ins_bucket(): one of 16, handed out round robin when a session first writes, so the
-- pooled connections of a node, 10 by default, get different buckets), and readers sum over them.
--
-- ins_day_total, ins_day_town and ins_day_category keep their shape and keys (the data generator and
-- the days folded in below write them); today's counts go to the *_shard tables beside them, which
-- ins_fold_rollup_shards folds into them once a day is over, so the shards hold about one day of rows
-- and the screen reads up to 16 times as many rows for the current day only. The *_all views
-- are what the screen reads. ins_open_tally takes a bucket column in its key (no day to fold by; it has
-- towns × statuses × buckets rows at most).

create sequence ins_bucket_seq;

-- The bucket of this database session (0..15), remembered in the session's setting sudi.ins_bucket. A
-- setting made in a transaction that rolls back is undone; the session then simply gets a new bucket.
create function ins_bucket() returns smallint language plpgsql as $$
declare
    b text := current_setting('sudi.ins_bucket', true);
begin
    if b is null or b = '' then
        b := (nextval('ins_bucket_seq') % 16)::text;
        perform set_config('sudi.ins_bucket', b, false);
    end if;
    return b::smallint;
end $$;

create table ins_day_total_shard (
    day              date not null,
    case_type        text not null,
    channel          text not null,
    bucket           smallint not null,
    submitted        int not null default 0,
    closed           int not null default 0,
    resolved         int not null default 0,
    satisfied        int not null default 0,
    basically        int not null default 0,
    unsatisfied      int not null default 0,
    not_given        int not null default 0,
    handling_seconds bigint not null default 0,
    primary key (day, case_type, channel, bucket)
);

create table ins_day_town_shard (
    day       date not null,
    town_id   bigint not null,
    bucket    smallint not null,
    submitted int not null default 0,
    closed    int not null default 0,
    primary key (day, town_id, bucket)
);

create table ins_day_category_shard (
    day           date not null,
    category_code text not null,
    bucket        smallint not null,
    submitted     int not null default 0,
    primary key (day, category_code, bucket)
);

create view ins_day_total_all as
    select day, case_type, channel, submitted, closed, resolved, satisfied, basically, unsatisfied, not_given,
           handling_seconds from ins_day_total
    union all
    select day, case_type, channel, submitted, closed, resolved, satisfied, basically, unsatisfied, not_given,
           handling_seconds from ins_day_total_shard;

create view ins_day_town_all as
    select day, town_id, submitted, closed from ins_day_town
    union all
    select day, town_id, submitted, closed from ins_day_town_shard;

create view ins_day_category_all as
    select day, category_code, submitted from ins_day_category
    union all
    select day, category_code, submitted from ins_day_category_shard;

-- Moves the shards' rows of the days before p_before into the per-day tables; returns the rows moved.
create function ins_fold_rollup_shards(p_before date) returns bigint language plpgsql as $$
declare
    n bigint;
    moved bigint := 0;
begin
    with gone as (delete from ins_day_total_shard where day < p_before returning *)
    insert into ins_day_total(day, case_type, channel, submitted, closed, resolved, satisfied, basically, unsatisfied,
                              not_given, handling_seconds)
    select day, case_type, channel, sum(submitted), sum(closed), sum(resolved), sum(satisfied), sum(basically),
           sum(unsatisfied), sum(not_given), sum(handling_seconds)
    from gone group by day, case_type, channel
    on conflict (day, case_type, channel) do update set
        submitted = ins_day_total.submitted + excluded.submitted, closed = ins_day_total.closed + excluded.closed,
        resolved = ins_day_total.resolved + excluded.resolved, satisfied = ins_day_total.satisfied + excluded.satisfied,
        basically = ins_day_total.basically + excluded.basically,
        unsatisfied = ins_day_total.unsatisfied + excluded.unsatisfied,
        not_given = ins_day_total.not_given + excluded.not_given,
        handling_seconds = ins_day_total.handling_seconds + excluded.handling_seconds;
    get diagnostics n = row_count;
    moved := moved + n;
    with gone as (delete from ins_day_town_shard where day < p_before returning *)
    insert into ins_day_town(day, town_id, submitted, closed)
    select day, town_id, sum(submitted), sum(closed) from gone group by day, town_id
    on conflict (day, town_id) do update set submitted = ins_day_town.submitted + excluded.submitted,
        closed = ins_day_town.closed + excluded.closed;
    get diagnostics n = row_count;
    moved := moved + n;
    with gone as (delete from ins_day_category_shard where day < p_before returning *)
    insert into ins_day_category(day, category_code, submitted)
    select day, category_code, sum(submitted) from gone group by day, category_code
    on conflict (day, category_code) do update set submitted = ins_day_category.submitted + excluded.submitted;
    get diagnostics n = row_count;
    return moved + n;
end $$;

-- The open tallies per bucket.
alter table ins_open_tally add column bucket smallint not null default 0;
alter table ins_open_tally drop constraint ins_open_tally_pkey;
alter table ins_open_tally add primary key (town_id, status, bucket);

create or replace function ins_open_tally_apply(p_town bigint, p_status text, p_sign int, p_warning_steps int, p_overdue_steps int)
returns void language plpgsql as $$
begin
    insert into ins_open_tally(town_id, status, bucket, total, warning, overdue)
    values (coalesce(p_town, 0), p_status, ins_bucket(), p_sign,
            p_sign * (case when p_warning_steps > 0 and p_overdue_steps = 0 then 1 else 0 end),
            p_sign * (case when p_overdue_steps > 0 then 1 else 0 end))
    on conflict (town_id, status, bucket) do update set
        total = ins_open_tally.total + excluded.total,
        warning = ins_open_tally.warning + excluded.warning,
        overdue = ins_open_tally.overdue + excluded.overdue;
end $$;

-- A new case's counters (V65), now into this session's bucket.
create or replace function ins_case_submitted(p_case uuid, p_tracking text, p_type text, p_channel text, p_town bigint,
                                              p_category text, p_urgency text, p_status text, p_at timestamptz, p_day date)
returns void language plpgsql as $$
declare
    b smallint := ins_bucket();
begin
    insert into ins_day_total_shard(day, case_type, channel, bucket, submitted) values (p_day, p_type, p_channel, b, 1)
        on conflict (day, case_type, channel, bucket) do update set submitted = ins_day_total_shard.submitted + 1;
    insert into ins_day_town_shard(day, town_id, bucket, submitted) values (p_day, coalesce(p_town, 0), b, 1)
        on conflict (day, town_id, bucket) do update set submitted = ins_day_town_shard.submitted + 1;
    insert into ins_day_category_shard(day, category_code, bucket, submitted) values (p_day, coalesce(p_category, ''), b, 1)
        on conflict (day, category_code, bucket) do update set submitted = ins_day_category_shard.submitted + 1;
    insert into ins_open_case(case_id, tracking_no, case_type, channel, town_id, category_code, urgency, status,
                              submitted_at, updated_at, last_action)
        values (p_case, p_tracking, p_type, p_channel, p_town, p_category, p_urgency, p_status, p_at, p_at, 'SUBMIT')
        on conflict do nothing;
end $$;
