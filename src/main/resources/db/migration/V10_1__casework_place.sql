-- casework: where a located case was placed at submission (grid module's answer): its village,
-- basic grid and special grids.
alter table cases add column village_id bigint;
alter table cases add column grid_code text;
alter table cases add column special_grid_codes text[] not null default '{}';
create index cases_grid_idx on cases (grid_code, status) where grid_code is not null;
create index cases_special_grids_idx on cases using gin (special_grid_codes);
