-- 上报报表 (reporting): a region's monthly report (统计月报) as PDF and XLSX, generated on the first of each month for
-- every county and township (or on request), kept with the snapshot of figures it was computed from. A report never
-- changes and is never deleted (a trigger refuses both): a corrected one is a new version of the same month and region, with
-- its reason.
create table report (
    id           bigint generated always as identity primary key,
    month        date        not null check (extract(day from month) = 1),
    region_code  varchar(12) collate "C" not null,
    version      int         not null check (version >= 1),
    snapshot_id  bigint references stat_snapshot (id),
    live         boolean     not null,   -- the month had not ended: figures of the day it was made
    as_of        date        not null,
    reason       text,
    pdf          bytea       not null,
    xlsx         bytea       not null,
    pdf_sha256   char(64)    not null,
    xlsx_sha256  char(64)    not null,
    generated_at timestamptz not null default now(),
    generated_by text        not null,
    run_id       uuid,
    unique (month, region_code, version),
    check (version = 1 or reason is not null)
);
create index report_region on report (region_code, month desc);

create function report_unchanged() returns trigger language plpgsql as $$
begin
    raise exception 'a report is never changed; make a new version with its reason';
end $$;
create trigger report_immutable before update or delete on report for each row execute function report_unchanged();

-- one generation of monthly reports: for which month and regions, by whom, how far it has come
create table report_run (
    id          uuid primary key,
    month       date        not null,
    region_code varchar(12) collate "C",   -- the subtree it covered (null: all)
    reason      text,
    started_at  timestamptz not null default now(),
    started_by  text        not null,
    total       int         not null,
    done        int         not null default 0,
    made        int         not null default 0,
    failed      int         not null default 0,
    finished_at timestamptz,
    error       text
);
create index report_run_started on report_run (started_at desc);
