-- 扶贫项目资产 (issue 22, module project; docs/domain/funds-projects-assets.md §5): assets formed by accepted projects
-- or back-registered (资产清查), titled (确权), shared out (折股量化), kept up (管护), earning income that the village
-- distributes after a publicity (收益分配), and disposed of only with the county's approval (处置). Never deleted.

create table asset (
    id                  bigserial primary key,
    asset_no            text not null unique,
    region_code         varchar(12) collate "C" not null,
    county_code         varchar(12) collate "C" not null,
    name                text not null,
    class               varchar(16) not null,
    subtype             text,
    origin              varchar(16) not null,
    place               text not null,
    scale               text,
    value               numeric(14, 2) not null check (value > 0),
    formed_on           date not null,
    title_level         varchar(16) not null,
    holder              text not null,
    holder_household_id bigint,
    operator            text,
    operating_mode      text,
    distribution_plan   text,
    custodian           text,
    custodian_person    text,
    custody_rule        text,
    status              varchar(16) not null,
    status_on           date not null,
    status_note         text,
    note                text,
    recorded_by         text not null,
    recorded_at         timestamptz not null default now(),
    version             int not null default 1,
    check ((class = 'HOUSEHOLD') = (title_level = 'HOUSEHOLD')),
    check ((title_level = 'HOUSEHOLD') = (holder_household_id is not null)),
    check (class <> 'PUBLIC_WELFARE' or (custodian is not null and custodian_person is not null)),
    check (class <> 'OPERATING' or (operator is not null and distribution_plan is not null))
);
create index asset_region on asset (region_code, id);
create index asset_county on asset (county_code, class);
create index asset_household on asset (holder_household_id) where holder_household_id is not null;

-- Where an asset's value came from: a source's money, of a project when it was formed by one (Σ ≤ the value; the rest
-- is the owners' own money).
create table asset_source (
    id         bigserial primary key,
    asset_id   bigint not null references asset (id),
    project_id bigint references project (id),
    source     varchar(32) not null,
    amount     numeric(14, 2) not null check (amount > 0)
);
create index asset_source_asset on asset_source (asset_id);
create index asset_source_project on asset_source (project_id) where project_id is not null;

-- 折股量化: the shares of an operating asset held by households and the village collective (Σ ≤ 100); a new set
-- replaces the old, whose rows are kept with the day they ended.
create table asset_share (
    id           bigserial primary key,
    asset_id     bigint not null references asset (id),
    holder_kind  varchar(24) not null,
    household_id bigint,
    holder_name  text not null,
    percent      numeric(7, 4) not null check (percent > 0 and percent <= 100),
    valid_from   date not null,
    valid_to     date,
    check ((holder_kind = 'HOUSEHOLD') = (household_id is not null))
);
create index asset_share_asset on asset_share (asset_id) where valid_to is null;

-- 管护记录: an inspection, upkeep or repair of an asset, what was found and done, at what cost.
create table asset_upkeep (
    id          bigserial primary key,
    asset_id    bigint not null references asset (id),
    done_on     date not null,
    kind        varchar(16) not null,
    done_by     text not null,
    finding     text not null,
    action      text,
    cost        numeric(14, 2) check (cost >= 0),
    recorded_by text not null,
    recorded_at timestamptz not null default now()
);
create index asset_upkeep_asset on asset_upkeep (asset_id, done_on);

-- 收益: an operating asset's income of a period, then its distribution: planned by the village (村民代表会议),
-- publicised, paid.
create table asset_income (
    id              bigserial primary key,
    asset_id        bigint not null references asset (id),
    period_from     date not null,
    period_to       date not null,
    amount          numeric(14, 2) not null check (amount > 0),
    received_on     date not null,
    stage           varchar(16) not null,
    meeting_on      date,
    meeting_note    text,
    publicity_from  date,
    publicity_to    date,
    publicity_place text,
    paid_on         date,
    note            text,
    recorded_by     text not null,
    recorded_at     timestamptz not null default now(),
    check (period_to >= period_from)
);
create index asset_income_asset on asset_income (asset_id, period_from);

-- 分配明细: to a registry household or to a use of the village (管护, 公益岗位, 村级公益事业, 巩固拓展, 集体经济);
-- Σ rows = the income.
create table distribution_row (
    id           bigserial primary key,
    income_id    bigint not null references asset_income (id),
    use          varchar(24) not null,
    household_id bigint,
    amount       numeric(14, 2) not null check (amount > 0),
    one_card     boolean,
    note         text,
    -- what the household was when the plan was made, so a paid distribution's reach stays as it was
    monitored    boolean not null default false,
    lost_labour  boolean not null default false,
    disabled     boolean not null default false,
    check ((use = 'HOUSEHOLD') = (household_id is not null))
);
create index distribution_row_income on distribution_row (income_id);
create index distribution_row_household on distribution_row (household_id) where household_id is not null;

-- 处置: requested with a valuation, reviewed by the township, approved by the county, done with its proceeds.
create table asset_disposal (
    id             bigserial primary key,
    asset_id       bigint not null references asset (id),
    kind           varchar(24) not null,
    stage          varchar(24) not null,
    valuation      numeric(14, 2) not null check (valuation >= 0),
    reason         text not null,
    meeting_on     date,
    requested_on   date not null,
    reviewed_on    date,
    review_note    text,
    approval_no    text,
    approved_on    date,
    decision_note  text,
    proceeds       numeric(14, 2) check (proceeds >= 0),
    disposed_on    date,
    proceeds_use   text,
    requested_by   text not null,
    requested_at   timestamptz not null default now()
);
create unique index asset_disposal_open on asset_disposal (asset_id)
    where stage in ('REQUESTED', 'TOWNSHIP_APPROVED', 'APPROVED');

-- An asset's timeline: every record and change, who and when.
create table asset_step (
    id         bigserial primary key,
    asset_id   bigint not null references asset (id),
    action     varchar(24) not null,
    done_on    date not null,
    note       text,
    details    jsonb not null default '{}',
    actor      text not null,
    actor_role varchar(16) not null,
    at         timestamptz not null default now()
);
create index asset_step_asset on asset_step (asset_id, id);

-- 佐证材料 of projects and assets (验收, 管护, 收益分配, 处置), stored through common.lake.EvidenceFiles.
create table project_file (
    id           uuid primary key,
    subject      varchar(16) not null,
    subject_id   bigint not null,
    region_code  varchar(12) collate "C" not null,
    file_name    text not null,
    content_type text not null,
    size_bytes   bigint not null,
    sha256       char(64) not null,
    uploaded_by  text not null,
    uploaded_at  timestamptz not null default now()
);
create index project_file_subject on project_file (subject, subject_id);
