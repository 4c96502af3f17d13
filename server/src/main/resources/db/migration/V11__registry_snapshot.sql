-- The registry's columnar snapshot (Parquet, one partition per county) read by the batch engines. A county's
-- partition is rewritten when any of its households or persons changed since the previous refresh began.
create table registry_snapshot (
    id            smallint primary key check (id = 1),
    refreshed_at  timestamptz not null,   -- when the last refresh began (changes after it are picked up next time)
    counties      int not null,
    households    bigint not null,
    persons       bigint not null
);
