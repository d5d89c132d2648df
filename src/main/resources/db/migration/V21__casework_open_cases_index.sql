-- casework: lists of open cases ("open=true": a unit's or a requester's cases not yet closed, newest
-- first) read the open ones only; at a million cases they are under 2 % of the table.
create index cases_open_created_idx on cases (created_at desc) where status <> 'CLOSED';
