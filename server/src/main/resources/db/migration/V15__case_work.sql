-- 识别认定 (issue 7): a case follows one household from discovery (农户自主申报, 部门筛查预警, 干部排查) through
-- 入户核实 → 村民主评议 → 村公示 → 乡镇审核 → 县审定 to a decision. Every step is a row in case_step.

create table case_file (
    id              bigserial primary key,
    household_id    bigint not null,
    household_no    varchar(32) collate "C" not null,
    village_code    varchar(12) collate "C" not null,
    channel         varchar(12) not null check (channel in ('APPLICATION', 'ALERT', 'CADRE_CHECK')),
    alert_id        bigint references alert (id),
    -- what was reported: the applicant's words, the cadre's finding, or the alert's rules
    statement       text not null,
    suggested_category varchar(16),
    suggested_causes text[] not null default '{}',
    discovered_on   date not null,
    deadline        date not null,
    stage           varchar(16) not null check (stage in ('VERIFICATION', 'COUNCIL', 'PUBLICITY', 'TOWNSHIP_REVIEW',
                                                          'COUNTY_DECISION', 'INCLUDED', 'REJECTED')),
    publicity_from  date,
    publicity_to    date,
    opened_by       text not null,
    opened_at       timestamptz not null default now(),
    closed_at       timestamptz,
    closed_on       date,
    -- the county's decision: the category and causes of inclusion, or the reason of rejection
    category        varchar(16),
    causes          text[],
    decision_reason text,
    version         int not null default 1,
    check ((closed_at is null) = (stage not in ('INCLUDED', 'REJECTED')))
);
-- one open case per household
create unique index case_file_open on case_file (household_id) where closed_at is null;
create index case_file_village on case_file (village_code, id desc);
create index case_file_deadline on case_file (deadline) where closed_at is null;

-- Each step: who (user, role, region), when, what they found or decided, and why. Never updated.
create table case_step (
    id           bigserial primary key,
    case_id      bigint not null references case_file (id),
    action       varchar(24) not null,
    from_stage   varchar(16),
    to_stage     varchar(16) not null,
    details      jsonb not null default '{}',
    note         text,
    actor        text not null,
    actor_role   varchar(12) not null,
    actor_region varchar(12),
    at           timestamptz not null default now()
);
create index case_step_case on case_step (case_id, id);

-- Objections raised during the publicity period (公示异议) and how each was settled.
create table case_objection (
    id              bigserial primary key,
    case_id         bigint not null references case_file (id),
    received_on     date not null,
    raised_by       text,
    content         text not null,
    recorded_by     text not null,
    recorded_at     timestamptz not null default now(),
    resolution      varchar(10) check (resolution in ('UPHELD', 'DISMISSED')),
    resolution_note text,
    resolved_by     text,
    resolved_at     timestamptz
);
create index case_objection_case on case_objection (case_id, id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('publicity_days', '村级公示天数', 'Village publicity period', 'DAYS', '民主评议通过后在村内公示的天数');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('publicity_days', null, '2021-01-01', 5, '常用口径：公示不少于5天', 'system');
