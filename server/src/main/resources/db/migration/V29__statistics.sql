-- 统计快照 (reporting): the registry's standard figures as of a day, computed once for the whole installation and
-- never changed afterwards — a backdated edit made later does not alter a month already counted. A correction is a
-- new snapshot of the same day that supersedes the old one, with its reason; the old one stays for the reports
-- computed from it.
create table stat_snapshot (
    id            bigint generated always as identity primary key,
    as_of         date        not null,
    computed_at   timestamptz not null default now(),
    computed_by   text        not null,
    cells         bigint      not null default 0,
    transitions   bigint      not null default 0,
    millis        bigint      not null default 0,
    reason        text,
    superseded_by bigint references stat_snapshot (id)
);
create unique index stat_snapshot_in_force on stat_snapshot (as_of) where superseded_by is null;

-- households and members per village, identity and monitoring state, cut by one dimension (registry.RegistryFigures)
create table stat_cell (
    snapshot_id  bigint      not null references stat_snapshot (id) on delete cascade,
    village_code varchar(12) collate "C" not null,
    dimension    varchar(16) not null,
    identity     varchar(16) not null,
    state        varchar(16) not null,
    key          text        not null,
    households   bigint      not null,
    persons      bigint      not null
);
create index stat_cell_lookup on stat_cell (snapshot_id, dimension, village_code);

-- the changes of monitoring state from the first day of the snapshot's month to its day, one row per household and
-- change: a quarter's or a year's figures count each household once per kind of change
create table stat_transition (
    snapshot_id  bigint      not null references stat_snapshot (id) on delete cascade,
    household_id bigint      not null,
    village_code varchar(12) collate "C" not null,
    identity     varchar(16) not null,
    change       varchar(16) not null,
    on_date      date        not null
);
create index stat_transition_lookup on stat_transition (snapshot_id, village_code);
