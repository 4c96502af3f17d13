-- 定点帮扶, 东西部协作, 万企帮万村 and 对口支援 (issue 23; 003:67, 004:173, 004:175, 004:349, 004:355): a partnership of a
-- helping unit with a region of the tree, the partner's commitments for a year per item, the deliveries booked against
-- them (money linked to its allocation, 援建项目 to its project, 劳务协作 to the households where given), and the
-- yearly 对账 the region confirms with the partner's signed statement, after which the year is closed.

create table partnership (
    id           bigint generated always as identity primary key,
    kind         varchar(32) not null,
    unit_id      bigint not null references assist_unit (id),
    region_code  varchar(12) collate "C" not null references region (code),
    started_on   date not null,
    ended_on     date check (ended_on is null or ended_on >= started_on),
    end_reason   text check (end_reason is null or length(end_reason) <= 500),
    note         text check (note is null or length(note) <= 1000),
    created_by   text not null,
    created_at   timestamptz not null default now(),
    version      int not null default 1
);
-- one open partnership of a kind between a unit and a region
create unique index partnership_open on partnership (kind, unit_id, region_code) where ended_on is null;
create index partnership_region on partnership (region_code);

create table partnership_commitment (
    partnership_id  bigint not null references partnership (id),
    year            int not null check (year between 2016 and 2100),
    item            varchar(16) not null,
    quantity        numeric(16, 2) not null check (quantity >= 0),
    updated_by      text not null,
    updated_at      timestamptz not null default now(),
    primary key (partnership_id, year, item)
);

create table partnership_delivery (
    id               bigint generated always as identity primary key,
    partnership_id   bigint not null references partnership (id),
    item             varchar(16) not null,
    delivered_on     date not null,
    year             int generated always as (extract(year from delivered_on)::int) stored,
    quantity         numeric(16, 2) not null check (quantity > 0),
    person_days      int check (person_days is null or person_days > 0),
    allocation_id    bigint references fund_allocation (id),
    project_id       bigint references project (id),
    buyer            text check (buyer is null or length(buyer) <= 200),
    product          text check (product is null or length(product) <= 200),
    supplier         text check (supplier is null or length(supplier) <= 200),
    description      text check (description is null or length(description) <= 1000),
    withdrawn_at     timestamptz,
    withdrawn_by     text,
    withdraw_reason  text,
    created_by       text not null,
    created_at       timestamptz not null default now()
);
-- an allocation is delivered once; a project once per partnership
create unique index partnership_delivery_allocation on partnership_delivery (allocation_id)
    where allocation_id is not null and withdrawn_at is null;
create unique index partnership_delivery_project on partnership_delivery (partnership_id, project_id)
    where project_id is not null and withdrawn_at is null;
create index partnership_delivery_year on partnership_delivery (partnership_id, year);

-- 劳务协作: the households whose members were placed, where the region named them
create table partnership_delivery_household (
    delivery_id   bigint not null references partnership_delivery (id),
    household_id  bigint not null,
    primary key (delivery_id, household_id)
);

create table partnership_reconciliation (
    partnership_id    bigint not null references partnership (id),
    year              int not null,
    committed         jsonb not null,
    delivered         jsonb not null,
    note              text check (note is null or length(note) <= 1000),
    statement_id      uuid not null,
    statement_name    text not null,
    statement_type    text not null,
    statement_size    bigint not null,
    statement_sha256  text not null,
    confirmed_by      text not null,
    confirmed_at      timestamptz not null default now(),
    primary key (partnership_id, year)
);
