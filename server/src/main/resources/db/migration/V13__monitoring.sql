-- 动态监测: policy parameters, rule sets as data, monitoring runs and the alerts (预警线索) they raise.

-- The snapshot's file layout version: a refresh rewrites every county when it differs from the code's.
alter table registry_snapshot add column format int not null default 1;

-- What a policy parameter is (监测收入线, 刚性支出阈值, ...): its names and unit. Rules refer to it by key.
create table parameter_definition (
    key         varchar(64) primary key check (key ~ '^[a-z][a-z0-9_]{1,63}$'),
    name_zh     text not null,
    name_en     text not null,
    unit        varchar(16) not null,
    description text
);

-- Its value over time: national (province_code null) or a province's own, valid from a date until the next
-- value's (valid_to exclusive, null = open). A province's value wins over the national one.
create table policy_parameter (
    id            bigserial primary key,
    key           varchar(64) not null references parameter_definition (key),
    province_code varchar(12) collate "C",
    valid_from    date not null,
    valid_to      date,
    value         numeric(16, 4) not null,
    source_note   text not null,
    recorded_at   timestamptz not null default now(),
    recorded_by   text not null,
    check (valid_to is null or valid_to > valid_from)
);
create unique index policy_parameter_start on policy_parameter (key, coalesce(province_code, ''), valid_from);

-- A rule set (监测规则集): national default (province_code null) or a province's. A draft may be edited; an
-- active one is frozen and in force from effective_from until a later active set of the same province takes over.
create table rule_set (
    id             uuid primary key,
    province_code  varchar(12) collate "C",
    version        int not null,
    name           text not null,
    status         varchar(8) not null check (status in ('DRAFT', 'ACTIVE')),
    effective_from date,
    note           text,
    created_at     timestamptz not null default now(),
    created_by     text not null,
    activated_at   timestamptz,
    activated_by   text,
    check ((status = 'ACTIVE') = (effective_from is not null and activated_at is not null))
);
create unique index rule_set_version on rule_set (coalesce(province_code, ''), version);

create table rule_definition (
    rule_set_id uuid not null references rule_set (id) on delete cascade,
    code        varchar(32) not null check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ordinal     int not null,
    name_zh     text not null,
    name_en     text not null,
    expression  text not null,
    severity    varchar(8) not null check (severity in ('HIGH', 'MEDIUM', 'LOW')),
    category    varchar(16) not null,   -- registry.MonitoringCategory suggested, or BY_STATUS
    cause       varchar(24) not null,   -- registry.RiskCause suggested
    -- false: a household already monitored is not alerted by this rule (its condition is what monitoring watches)
    applies_to_monitored boolean not null default true,
    primary key (rule_set_id, code)
);

-- One monitoring run (监测运行) or what-if run (模拟测算): who, when, which rules and parameters, which data.
create table monitoring_run (
    id            uuid primary key,
    kind          varchar(8) not null check (kind in ('RUN', 'WHAT_IF')),
    status        varchar(10) not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    as_of         date not null,
    engine        varchar(16) not null,
    started_at    timestamptz not null default now(),
    started_by    text not null,
    finished_at   timestamptz,
    duration_ms   bigint,
    rule_sets     jsonb not null default '[]',   -- per province: rule set id, version, parameters used
    inputs        jsonb not null default '{}',   -- snapshot time, feed batches and periods read
    households    bigint,
    flagged       bigint,
    alerts        bigint,
    suppressed    bigint,
    result_digest char(64),                       -- SHA-256 of the sorted (household, rule) pairs
    result_path   text,
    summary       jsonb,                          -- counts by rule; for what-if runs the difference by region and category
    error         text
);
create index monitoring_run_started on monitoring_run (started_at desc);

-- A risk alert (预警线索) for one household: the rules that fired with their facts and sources. Routed to the
-- household's village and township; new → assigned → confirmed/dismissed → handed (to case work).
create table alert (
    id                 bigserial primary key,
    run_id             uuid not null references monitoring_run (id),
    household_id       bigint not null,
    household_no       varchar(32) collate "C" not null,
    village_code       varchar(12) collate "C" not null,
    status             varchar(10) not null check (status in ('NEW', 'ASSIGNED', 'CONFIRMED', 'DISMISSED', 'HANDED')),
    severity           varchar(8) not null,
    suggested_category varchar(16) not null,
    causes             text[] not null,
    rules              text[] not null,
    explanation        jsonb not null,
    created_at         timestamptz not null default now(),
    assigned_to        text,
    assigned_at        timestamptz,
    decided_by         text,
    decided_at         timestamptz,
    note               text,
    handed_at          timestamptz,
    version            int not null default 1
);
create index alert_household on alert (household_id);
create index alert_village on alert (village_code, id desc);
create index alert_run on alert (run_id);

-- Every step of an alert: who moved it, from where to where, why.
create table alert_event (
    id          bigserial primary key,
    alert_id    bigint not null references alert (id),
    at          timestamptz not null default now(),
    actor       text not null,
    from_status varchar(10),
    to_status   varchar(10) not null,
    note        text
);
create index alert_event_alert on alert_event (alert_id, id);
