-- Which personal-data column was last found wholly sealed under which key and algorithm (ADR 0028):
-- the start-up sealer scans a column again only when the sealing prefix changed (a rotation, another
-- algorithm) or the column was never scanned, instead of reading every row of it at every start.
create table platform_sealed_column (
    context   text primary key,
    prefix    text not null,
    sealed_at timestamptz not null
);
