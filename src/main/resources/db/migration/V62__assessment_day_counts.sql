-- assessment: per-day × unit counters of the measures (ADR 0025), so a period of whole days costs
-- O(days × units) to read however many facts it holds. The counters are kept exactly by row triggers
-- on the fact tables: each change inserts the difference between the row's new and old contribution
-- into asm_day_count_delta (insert-only: concurrent transactions never wait for each other there); a
-- recurring job folds the deltas into asm_day_count. A period's measures are the sum of both tables.
--
-- A row's contribution is what MeasureQueries' fact queries count for it, under the district day of the
-- timestamp that query filters on (a task counts under its dispatch day even when it is signed later).

-- The time zone the days are taken in: the application's clock zone, written at start-up (changing it
-- rebuilds the counters). 'Asia/Shanghai' is the district zone the application ships with.
create table asm_day_count_zone (
    zone text not null
);
create unique index asm_day_count_zone_one_row on asm_day_count_zone ((true));
insert into asm_day_count_zone values ('Asia/Shanghai');

-- whistle_org_id 0: the unit's own counts (the first 21 columns, one per field of Measures).
-- whistle_org_id ≠ 0: the whistle_* columns only — ratings that unit, having blown the whistle on an
-- enforcement case, gave the rounds org_id led (part of a department's bottom-up score).
create table asm_day_count (
    day                 date not null,
    org_id              bigint not null,
    whistle_org_id      bigint not null default 0,
    received            int not null default 0,
    signed_on_time      int not null default 0,
    reviews             int not null default 0,
    reviews_on_time     int not null default 0,
    completable         int not null default 0,
    completed_on_time   int not null default 0,
    closed              int not null default 0,
    resolved_first_time int not null default 0,
    satisfied           int not null default 0,
    basically_satisfied int not null default 0,
    unsatisfied         int not null default 0,
    not_given           int not null default 0,
    judged              int not null default 0,
    reworks             int not null default 0,
    return_requests     int not null default 0,
    returns_approved    int not null default 0,
    extension_requests  int not null default 0,
    extensions_approved int not null default 0,
    overdue             int not null default 0,
    supervisions        int not null default 0,
    accountability      int not null default 0,
    whistle_satisfied   int not null default 0,
    whistle_basically   int not null default 0,
    whistle_unsatisfied int not null default 0,
    primary key (day, org_id, whistle_org_id)
);

-- Changes not yet folded into asm_day_count: the same columns, any number of rows per key, no index
-- (written by every fact change, read whole by the fold and by period reads, small between folds).
create table asm_day_count_delta (like asm_day_count including defaults);

-- One contribution, by column name (the others 0).
create function asm_count(day date, org_id bigint, whistle_org_id bigint default 0,
    received int default 0, signed_on_time int default 0, reviews int default 0, reviews_on_time int default 0,
    completable int default 0, completed_on_time int default 0, closed int default 0,
    resolved_first_time int default 0, satisfied int default 0, basically_satisfied int default 0,
    unsatisfied int default 0, not_given int default 0, judged int default 0, reworks int default 0,
    return_requests int default 0, returns_approved int default 0, extension_requests int default 0,
    extensions_approved int default 0, overdue int default 0, supervisions int default 0,
    accountability int default 0, whistle_satisfied int default 0, whistle_basically int default 0,
    whistle_unsatisfied int default 0)
returns asm_day_count_delta language sql immutable as $$
    select row(day, org_id, whistle_org_id, received, signed_on_time, reviews, reviews_on_time, completable,
        completed_on_time, closed, resolved_first_time, satisfied, basically_satisfied, unsatisfied, not_given,
        judged, reworks, return_requests, returns_approved, extension_requests, extensions_approved, overdue,
        supervisions, accountability, whistle_satisfied, whistle_basically, whistle_unsatisfied)::asm_day_count_delta
$$;

create function asm_flag(b boolean) returns int language sql immutable as $$
    select case when b then 1 else 0 end
$$;

-- ------------------------------------------------------------------ what each fact row counts

-- A task: received, signed on time, completable, completed on time — under its dispatch day.
create function asm_task_fact_counts(t asm_task_fact, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((t.dispatched_at at time zone z)::date, t.org_id,
        received => 1,
        signed_on_time => asm_flag(t.signed_at is not null and (t.sign_due is null or t.signed_at <= t.sign_due)),
        completable => asm_flag(t.returned_at is null),
        completed_on_time => asm_flag(t.returned_at is null and t.completed_at is not null
                                      and (t.complete_due is null or t.completed_at <= t.complete_due)))).*
$$;

-- A case: its town review under the submission day, its closing under the closing day.
create function asm_case_fact_counts(c asm_case_fact, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((c.submitted_at at time zone z)::date, c.review_town_id,
        reviews => 1,
        reviews_on_time => asm_flag(c.reviewed_at is not null and (c.review_due is null or c.reviewed_at <= c.review_due)))).*
    where c.review_town_id is not null
    union all
    select (asm_count((c.closed_at at time zone z)::date, c.closed_lead_org_id,
        closed => 1,
        resolved_first_time => asm_flag(c.outcome = 'RESOLVED' and not c.reworked))).*
    where c.closed_lead_org_id is not null and c.closed_at is not null
$$;

-- A judged round, under the lead unit and the judging day.
create function asm_judgement_counts(j asm_judgement, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((j.judged_at at time zone z)::date, j.lead_org_id,
        judged => 1,
        satisfied => asm_flag(j.rating = 'SATISFIED'),
        basically_satisfied => asm_flag(j.rating = 'BASICALLY_SATISFIED'),
        unsatisfied => asm_flag(j.rating = 'UNSATISFIED'),
        not_given => asm_flag(j.rating = 'NOT_GIVEN'),
        reworks => asm_flag(j.rework))).*
    where j.lead_org_id is not null
$$;

-- A rating the whistle-blowing unit of an enforcement case gave a round (a case × judgement pair: kept
-- by the triggers of both tables, counted once by the rebuild).
create function asm_whistle_counts(c asm_case_fact, j asm_judgement, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((j.judged_at at time zone z)::date, j.lead_org_id, c.initiating_org_id,
        whistle_satisfied => asm_flag(j.rating = 'SATISFIED'),
        whistle_basically => asm_flag(j.rating = 'BASICALLY_SATISFIED'),
        whistle_unsatisfied => asm_flag(j.rating = 'UNSATISFIED'))).*
    where c.case_id = j.case_id and c.case_type = 'ENFORCEMENT' and j.evaluator_org_id = c.initiating_org_id
      and j.lead_org_id is not null and j.rating in ('SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED')
$$;

-- A decided return or extension request, under the deciding day.
create function asm_request_fact_counts(r asm_request_fact, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((r.decided_at at time zone z)::date, r.org_id,
        return_requests => asm_flag(r.kind = 'RETURN'),
        returns_approved => asm_flag(r.kind = 'RETURN' and r.approved),
        extension_requests => asm_flag(r.kind <> 'RETURN'),
        extensions_approved => asm_flag(r.kind <> 'RETURN' and r.approved))).*
    where r.decided_at is not null
$$;

create function asm_deadline_miss_counts(m asm_deadline_miss, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((m.at at time zone z)::date, m.org_id, overdue => 1)).* where m.org_id is not null
$$;

create function asm_supervision_fact_counts(s asm_supervision_fact, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((s.at at time zone z)::date, s.org_id, supervisions => 1)).* where s.org_id is not null
$$;

create function accountability_record_counts(a accountability_record, z text) returns setof asm_day_count_delta
language sql stable as $$
    select (asm_count((a.created_at at time zone z)::date, a.org_id, accountability => 1)).* where a.org_id is not null
$$;

-- ------------------------------------------------------------------ keeping them

-- One trigger for all fact tables: records the row's new contribution minus its old one (nothing when
-- they are equal). The zone is read from its table, so a rebuild (which locks it) holds writers back.
create function asm_day_count_trigger() returns trigger language plpgsql as $$
declare
    z text;
    o asm_day_count_delta[];
    n asm_day_count_delta[];
begin
    select zone into z from asm_day_count_zone;
    if tg_table_name = 'asm_task_fact' then
        if tg_op <> 'INSERT' then o := array(select c from asm_task_fact_counts(old, z) c); end if;
        if tg_op <> 'DELETE' then n := array(select c from asm_task_fact_counts(new, z) c); end if;
    elsif tg_table_name = 'asm_case_fact' then
        if tg_op <> 'INSERT' then
            o := array(select c from asm_case_fact_counts(old, z) c
                       union all
                       select w from asm_judgement j, asm_whistle_counts(old, j, z) w
                       where old.case_type = 'ENFORCEMENT' and j.case_id = old.case_id);
        end if;
        if tg_op <> 'DELETE' then
            n := array(select c from asm_case_fact_counts(new, z) c
                       union all
                       select w from asm_judgement j, asm_whistle_counts(new, j, z) w
                       where new.case_type = 'ENFORCEMENT' and j.case_id = new.case_id);
        end if;
    elsif tg_table_name = 'asm_judgement' then
        if tg_op <> 'INSERT' then
            o := array(select c from asm_judgement_counts(old, z) c
                       union all
                       select w from asm_case_fact f, asm_whistle_counts(f, old, z) w
                       where old.evaluator_org_id is not null and f.case_id = old.case_id);
        end if;
        if tg_op <> 'DELETE' then
            n := array(select c from asm_judgement_counts(new, z) c
                       union all
                       select w from asm_case_fact f, asm_whistle_counts(f, new, z) w
                       where new.evaluator_org_id is not null and f.case_id = new.case_id);
        end if;
    elsif tg_table_name = 'asm_request_fact' then
        if tg_op <> 'INSERT' then o := array(select c from asm_request_fact_counts(old, z) c); end if;
        if tg_op <> 'DELETE' then n := array(select c from asm_request_fact_counts(new, z) c); end if;
    elsif tg_table_name = 'asm_deadline_miss' then
        if tg_op <> 'INSERT' then o := array(select c from asm_deadline_miss_counts(old, z) c); end if;
        if tg_op <> 'DELETE' then n := array(select c from asm_deadline_miss_counts(new, z) c); end if;
    elsif tg_table_name = 'asm_supervision_fact' then
        if tg_op <> 'INSERT' then o := array(select c from asm_supervision_fact_counts(old, z) c); end if;
        if tg_op <> 'DELETE' then n := array(select c from asm_supervision_fact_counts(new, z) c); end if;
    elsif tg_table_name = 'accountability_record' then
        if tg_op <> 'INSERT' then o := array(select c from accountability_record_counts(old, z) c); end if;
        if tg_op <> 'DELETE' then n := array(select c from accountability_record_counts(new, z) c); end if;
    else
        raise exception 'asm_day_count_trigger on unexpected table %', tg_table_name;
    end if;
    if o is distinct from n then
        insert into asm_day_count_delta
        select * from unnest(n)
        union all
        select day, org_id, whistle_org_id, -received, -signed_on_time, -reviews, -reviews_on_time, -completable,
            -completed_on_time, -closed, -resolved_first_time, -satisfied, -basically_satisfied, -unsatisfied,
            -not_given, -judged, -reworks, -return_requests, -returns_approved, -extension_requests,
            -extensions_approved, -overdue, -supervisions, -accountability, -whistle_satisfied, -whistle_basically,
            -whistle_unsatisfied
        from unnest(o);
    end if;
    return null;
end $$;

-- Updates fire only when a counted column is set (FactRecorder's other updates cost nothing here).
create trigger asm_task_fact_count after insert or delete
    or update of org_id, dispatched_at, sign_due, signed_at, complete_due, completed_at, returned_at
    on asm_task_fact for each row execute function asm_day_count_trigger();
create trigger asm_case_fact_count after insert or delete
    or update of case_type, initiating_org_id, submitted_at, review_town_id, review_due, reviewed_at,
                 closed_lead_org_id, closed_at, outcome, reworked
    on asm_case_fact for each row execute function asm_day_count_trigger();
create trigger asm_judgement_count after insert or delete
    or update of case_id, lead_org_id, rating, evaluator_org_id, rework, judged_at
    on asm_judgement for each row execute function asm_day_count_trigger();
create trigger asm_request_fact_count after insert or delete
    or update of org_id, kind, decided_at, approved
    on asm_request_fact for each row execute function asm_day_count_trigger();
create trigger asm_deadline_miss_count after insert or delete or update of org_id, at
    on asm_deadline_miss for each row execute function asm_day_count_trigger();
create trigger asm_supervision_fact_count after insert or delete or update of org_id, at
    on asm_supervision_fact for each row execute function asm_day_count_trigger();
create trigger accountability_record_count after insert or delete or update of org_id, created_at
    on accountability_record for each row execute function asm_day_count_trigger();

-- ------------------------------------------------------------------ folding and rebuilding

-- Moves the deltas into the counters (one run at a time; returns the counter rows touched). Deltas of
-- transactions not yet committed stay for the next run.
create function asm_day_counts_fold() returns bigint language plpgsql as $$
declare
    n bigint;
begin
    if not pg_try_advisory_xact_lock(2025002500) then
        return 0;
    end if;
    with moved as (delete from asm_day_count_delta returning *)
    insert into asm_day_count
    select day, org_id, whistle_org_id, sum(received), sum(signed_on_time), sum(reviews), sum(reviews_on_time),
        sum(completable), sum(completed_on_time), sum(closed), sum(resolved_first_time), sum(satisfied),
        sum(basically_satisfied), sum(unsatisfied), sum(not_given), sum(judged), sum(reworks), sum(return_requests),
        sum(returns_approved), sum(extension_requests), sum(extensions_approved), sum(overdue), sum(supervisions),
        sum(accountability), sum(whistle_satisfied), sum(whistle_basically), sum(whistle_unsatisfied)
    from moved group by day, org_id, whistle_org_id order by day, org_id, whistle_org_id
    on conflict (day, org_id, whistle_org_id) do update set
        received = asm_day_count.received + excluded.received,
        signed_on_time = asm_day_count.signed_on_time + excluded.signed_on_time,
        reviews = asm_day_count.reviews + excluded.reviews,
        reviews_on_time = asm_day_count.reviews_on_time + excluded.reviews_on_time,
        completable = asm_day_count.completable + excluded.completable,
        completed_on_time = asm_day_count.completed_on_time + excluded.completed_on_time,
        closed = asm_day_count.closed + excluded.closed,
        resolved_first_time = asm_day_count.resolved_first_time + excluded.resolved_first_time,
        satisfied = asm_day_count.satisfied + excluded.satisfied,
        basically_satisfied = asm_day_count.basically_satisfied + excluded.basically_satisfied,
        unsatisfied = asm_day_count.unsatisfied + excluded.unsatisfied,
        not_given = asm_day_count.not_given + excluded.not_given,
        judged = asm_day_count.judged + excluded.judged,
        reworks = asm_day_count.reworks + excluded.reworks,
        return_requests = asm_day_count.return_requests + excluded.return_requests,
        returns_approved = asm_day_count.returns_approved + excluded.returns_approved,
        extension_requests = asm_day_count.extension_requests + excluded.extension_requests,
        extensions_approved = asm_day_count.extensions_approved + excluded.extensions_approved,
        overdue = asm_day_count.overdue + excluded.overdue,
        supervisions = asm_day_count.supervisions + excluded.supervisions,
        accountability = asm_day_count.accountability + excluded.accountability,
        whistle_satisfied = asm_day_count.whistle_satisfied + excluded.whistle_satisfied,
        whistle_basically = asm_day_count.whistle_basically + excluded.whistle_basically,
        whistle_unsatisfied = asm_day_count.whistle_unsatisfied + excluded.whistle_unsatisfied;
    get diagnostics n = row_count;
    return n;
end $$;

-- Recounts everything from the facts in the stored zone, one aggregate over all fact tables: for a zone
-- change (at start-up) and after a bulk load written with the triggers off (the data generator). Fact
-- writers wait meanwhile (their triggers read the zone table, locked here until commit). The groups are
-- days × units (≈ 30,000 a year, ≈ 30 MB of aggregate state), kept in memory rather than spilling the
-- input to disk (gigabytes at 10 million cases).
create function asm_day_counts_rebuild() returns bigint language plpgsql set work_mem = '256MB' as $$
declare
    z text;
    n bigint;
begin
    lock table asm_day_count_zone in access exclusive mode;
    perform pg_advisory_xact_lock(2025002500);
    select zone into z from asm_day_count_zone;
    delete from asm_day_count_delta;
    delete from asm_day_count;
    insert into asm_day_count
    select day, org_id, whistle_org_id, sum(received), sum(signed_on_time), sum(reviews), sum(reviews_on_time),
        sum(completable), sum(completed_on_time), sum(closed), sum(resolved_first_time), sum(satisfied),
        sum(basically_satisfied), sum(unsatisfied), sum(not_given), sum(judged), sum(reworks), sum(return_requests),
        sum(returns_approved), sum(extension_requests), sum(extensions_approved), sum(overdue), sum(supervisions),
        sum(accountability), sum(whistle_satisfied), sum(whistle_basically), sum(whistle_unsatisfied)
    from (
        select c.* from asm_task_fact t, asm_task_fact_counts(t, z) c
        union all
        select c.* from asm_case_fact f, asm_case_fact_counts(f, z) c
        union all
        select c.* from asm_judgement j, asm_judgement_counts(j, z) c
        union all
        select c.* from asm_case_fact f join asm_judgement j on j.case_id = f.case_id, asm_whistle_counts(f, j, z) c
        where f.case_type = 'ENFORCEMENT' and j.evaluator_org_id = f.initiating_org_id
        union all
        select c.* from asm_request_fact r, asm_request_fact_counts(r, z) c
        union all
        select c.* from asm_deadline_miss m, asm_deadline_miss_counts(m, z) c
        union all
        select c.* from asm_supervision_fact s, asm_supervision_fact_counts(s, z) c
        union all
        select c.* from accountability_record a, accountability_record_counts(a, z) c
    ) x
    group by day, org_id, whistle_org_id;
    get diagnostics n = row_count;
    return n;
end $$;

-- The backfill: at a database's upgrade, every fact there is (≈ 3 s per 200,000 cases on the shared 2-core machine).
select asm_day_counts_rebuild();
analyze asm_day_count;
