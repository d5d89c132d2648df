-- What a new case adds to the screen's rollups, in one call instead of four statements (one round trip
-- per intake; docs/benchmarks.md, intake): the day's counts per type × channel, per town (0: none) and
-- per category ('': none), then the open case (whose insert moves ins_open_tally by its trigger). The
-- rows are locked in the order in which closing a case locks them (day total, day town, open case), so
-- an intake and a closure of the same town and day never wait for each other in a circle. Idempotent
-- for the open case, like the statements it replaces.
create function ins_case_submitted(p_case uuid, p_tracking text, p_type text, p_channel text, p_town bigint,
                                   p_category text, p_urgency text, p_status text, p_at timestamptz, p_day date)
returns void language plpgsql as $$
begin
    insert into ins_day_total(day, case_type, channel, submitted) values (p_day, p_type, p_channel, 1)
        on conflict (day, case_type, channel) do update set submitted = ins_day_total.submitted + 1;
    insert into ins_day_town(day, town_id, submitted) values (p_day, coalesce(p_town, 0), 1)
        on conflict (day, town_id) do update set submitted = ins_day_town.submitted + 1;
    insert into ins_day_category(day, category_code, submitted) values (p_day, coalesce(p_category, ''), 1)
        on conflict (day, category_code) do update set submitted = ins_day_category.submitted + 1;
    insert into ins_open_case(case_id, tracking_no, case_type, channel, town_id, category_code, urgency, status,
                              submitted_at, updated_at, last_action)
        values (p_case, p_tracking, p_type, p_channel, p_town, p_category, p_urgency, p_status, p_at, p_at, 'SUBMIT')
        on conflict do nothing;
end $$;
