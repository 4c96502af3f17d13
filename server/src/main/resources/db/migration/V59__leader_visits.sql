-- 五级书记遍访 (issue 23; 004:391, 004:589): the party secretaries of each level and their visits — to a county, a
-- village or a household — with the problems found; coverage per leader and year against the targets of their level.

create table leader (
    id           bigint generated always as identity primary key,
    region_code  varchar(12) collate "C" not null references region (code),
    name         text not null check (length(name) between 1 and 50),
    post         text not null check (length(post) between 1 and 100),
    from_on      date not null,
    to_on        date check (to_on is null or to_on >= from_on),
    created_by   text not null,
    created_at   timestamptz not null default now(),
    version      int not null default 1
);
create index leader_region on leader (region_code);

create table leader_visit (
    id            bigint generated always as identity primary key,
    leader_id     bigint not null references leader (id),
    visited_on    date not null,
    year          int generated always as (extract(year from visited_on)::int) stored,
    -- the village visited, or the village of the household visited
    village_code  varchar(12) collate "C" not null references region (code),
    household_id  bigint,
    problems      text check (problems is null or length(problems) <= 2000),
    finding_id    bigint,
    created_by    text not null,
    created_at    timestamptz not null default now()
);
create index leader_visit_leader on leader_visit (leader_id, year);
create index leader_visit_village on leader_visit (village_code);

-- a province's or city's secretary may open a finding from a visit (assessment's closed set of sources grows)
alter table finding drop constraint finding_source;
alter table finding add constraint finding_source check (source in ('INSPECTION', 'SUPERVISION', 'UNANNOUNCED',
    'ASSESSMENT', 'AUDIT', 'SAMPLE_CHECK', 'DATA_QUALITY', 'LEADER_VISIT'));
