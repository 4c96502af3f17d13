-- 行政区划: the 5-level region tree with 12-digit statistical codes.
-- Codes use the "C" collation so that a subtree is a contiguous byte range (see RegionCode.subtree).
create table region (
    code        varchar(12) collate "C" primary key check (code ~ '^[0-9]{12}$'),
    name        text        not null check (length(name) between 1 and 100),
    parent_code varchar(12) collate "C" references region (code),
    level       smallint    not null check (level between 1 and 5),
    valid_from  date        not null default date '1949-10-01',
    valid_to    date,
    updated_at  timestamptz not null default now(),
    check ((level = 1) = (parent_code is null)),
    check (valid_to is null or valid_to > valid_from)
);
create index region_parent on region (parent_code, code);
create index region_name_prefix on region (name text_pattern_ops);

-- Renames and validity changes, so "what was this region called on date D" stays answerable.
create table region_change (
    id          bigint generated always as identity primary key,
    code        varchar(12) collate "C" not null references region (code),
    changed_at  timestamptz not null default now(),
    old_name    text,
    new_name    text,
    old_valid_to date,
    new_valid_to date,
    import_id   uuid
);
create index region_change_code on region_change (code, changed_at);

-- Every bulk import (regions, households, later feeds): who, what, outcome.
create table import_job (
    id            uuid primary key,
    kind          varchar(32) not null,
    file_name     text        not null,
    encoding      text,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    started_by    text        not null,
    applied       boolean     not null default false,
    row_count     bigint      not null default 0,
    inserted      bigint      not null default 0,
    updated       bigint      not null default 0,
    unchanged     bigint      not null default 0,
    error_count   bigint      not null default 0,
    error_file    text
);
create index import_job_started on import_job (started_at desc);
