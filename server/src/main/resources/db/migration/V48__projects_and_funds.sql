-- 衔接资金 · 项目库 (issue 22, module project; docs/domain/funds-projects-assets.md). Money is numeric(14, 2) yuan.

-- 资金下达: an allocation of one source's money to a county in a year, by a document.
create table fund_allocation (
    id          bigserial primary key,
    county_code varchar(12) collate "C" not null,
    year        int not null check (year between 2000 and 2100),
    source      varchar(32) not null,
    document_no text not null,
    amount      numeric(14, 2) not null check (amount > 0),
    issued_on   date not null,
    note        text,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    version     int not null default 1
);
create unique index fund_allocation_document on fund_allocation (county_code, source, document_no);
create index fund_allocation_county on fund_allocation (county_code, year);

-- 项目库: a project applied for by a village or township, through reviews, publicity, approval, works, acceptance.
create table project (
    id                     bigserial primary key,
    project_no             text not null unique,
    region_code            varchar(12) collate "C" not null,
    county_code            varchar(12) collate "C" not null,
    year                   int not null check (year between 2000 and 2100),
    name                   text not null,
    type                   varchar(24) not null,
    subtype                text,
    department             varchar(32) not null,
    place                  text not null,
    content                text not null,
    implementer            text,
    responsible            text,
    household_level        boolean not null default false,
    benefit_links          text[] not null,
    planned_households     int not null default 0 check (planned_households >= 0),
    planned_persons        int not null default 0 check (planned_persons >= 0),
    planned_poor_households int not null default 0 check (planned_poor_households >= 0),
    planned_labour_pay     numeric(14, 2) check (planned_labour_pay >= 0),
    targets                jsonb not null default '[]',
    stage                  varchar(24) not null,
    decision_no            text,
    decided_on             date,
    publicity_from         date,
    publicity_to           date,
    publicity_place        text,
    approval_no            text,
    approved_on            date,
    planned_start          date,
    planned_end            date,
    progress               int not null default 0 check (progress between 0 and 100),
    stop_reason            text,
    completed_on           date,
    final_cost             numeric(14, 2) check (final_cost >= 0),
    accepted_on            date,
    acceptance_team        text,
    acceptance_result      text,
    result_publicity_from  date,
    result_publicity_to    date,
    closed_on              date,
    applied_by             text not null,
    applied_at             timestamptz not null default now(),
    version                int not null default 1
);
create index project_region on project (region_code, id);
create index project_county_year on project (county_code, year);

-- 资金概算 by source.
create table project_budget (
    project_id bigint not null references project (id),
    source     varchar(32) not null,
    amount     numeric(14, 2) not null check (amount > 0),
    primary key (project_id, source)
);

-- A project's timeline: every stage move and record, who and when.
create table project_step (
    id         bigserial primary key,
    project_id bigint not null references project (id),
    from_stage varchar(24),
    to_stage   varchar(24) not null,
    action     varchar(32) not null,
    done_on    date not null,
    note       text,
    details    jsonb not null default '{}',
    actor      text not null,
    actor_role varchar(16) not null,
    at         timestamptz not null default now()
);
create index project_step_project on project_step (project_id, id);

-- 资金安排: how much of an allocation a project may spend. Σ lines of an allocation ≤ its amount.
create table funding_line (
    id            bigserial primary key,
    project_id    bigint not null references project (id),
    allocation_id bigint not null references fund_allocation (id),
    amount        numeric(14, 2) not null check (amount > 0),
    recorded_by   text not null,
    recorded_at   timestamptz not null default now(),
    unique (project_id, allocation_id)
);
create index funding_line_allocation on funding_line (allocation_id);

-- 资金拨付: a payment from a line (Σ per line ≤ the line), never edited; a wrong one is reversed by a negative entry
-- pointing to it, once.
create table disbursement (
    id           bigserial primary key,
    line_id      bigint not null references funding_line (id),
    paid_on      date not null,
    amount       numeric(14, 2) not null check (amount <> 0),
    payee_kind   varchar(24) not null,
    payee_name   text not null,
    household_id bigint,
    one_card     boolean,
    labour       boolean not null default false,
    voucher_no   text not null,
    reverses     bigint unique references disbursement (id),
    note         text,
    recorded_by  text not null,
    recorded_at  timestamptz not null default now(),
    check ((reverses is null) = (amount > 0))
);
create index disbursement_line on disbursement (line_id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('project_publicity_days', '项目公告公示天数', 'Project publicity period', 'DAYS',
 '项目入库、结果和收益分配公告公示的最少天数'),
('work_relief_labour_share_min', '以工代赈劳务报酬最低占比', 'Smallest labour share of work-for-relief funds', 'RATIO',
 '以工代赈项目计划发放的劳务报酬占以工代赈资金的最低比例');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('project_publicity_days', null, '2021-01-01', 10,
 '国务院扶贫办《关于完善扶贫资金项目公告公示制度的指导意见》（2017）：原则上公开公告时间不得少于10天', 'system'),
('work_relief_labour_share_min', null, '2023-01-01', 0.30,
 '国家发展改革委2023年：以工代赈中央预算内投资项目劳务报酬占中央资金比例提高至30%以上（待核实）', 'system');
