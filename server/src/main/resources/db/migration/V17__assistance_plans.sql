-- 一户一策 (issue 7): each monitored household's assistance plan — a named 帮扶责任人, measures chosen from a
-- catalogue by cause, each with its department, dates, amount, status and evidence — and the follow-up visits.

-- The catalogue of measures (帮扶措施), each for the risk causes it addresses and with its usual department.
create table measure_type (
    code       varchar(32) primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ordinal    int not null,
    name_zh    text not null,
    name_en    text not null,
    causes     text[] not null,
    department varchar(24) not null
);

insert into measure_type (code, ordinal, name_zh, name_en, causes, department) values
('INDUSTRY', 1, '产业帮扶', 'Production support', '{INDUSTRY_FAILURE,LACK_OF_LABOUR,DISASTER,EPIDEMIC,OTHER}', 'AGRICULTURE'),
('EMPLOYMENT', 2, '就业帮扶', 'Employment support', '{UNSTABLE_EMPLOYMENT,EPIDEMIC,INDUSTRY_FAILURE,OTHER}', 'HUMAN_RESOURCES'),
('PUBLIC_WELFARE_JOB', 3, '公益岗位', 'Public-welfare job', '{UNSTABLE_EMPLOYMENT,LACK_OF_LABOUR,DISABILITY}', 'HUMAN_RESOURCES'),
('EDUCATION_AID', 4, '教育资助', 'Education aid', '{EDUCATION}', 'EDUCATION'),
('MEDICAL_INSURANCE', 5, '医保参保资助', 'Medical insurance subsidy', '{ILLNESS,DISABILITY}', 'MEDICAL_SECURITY'),
('MEDICAL_AID', 6, '医疗救助', 'Medical assistance', '{ILLNESS,ACCIDENT}', 'MEDICAL_SECURITY'),
('HOUSING_RENOVATION', 7, '危房改造', 'Housing renovation', '{HOUSING,DISASTER}', 'HOUSING'),
('DRINKING_WATER', 8, '饮水安全保障', 'Safe drinking water', '{WATER}', 'WATER_RESOURCES'),
('DIBAO', 9, '低保兜底', 'Minimum living guarantee', '{ILLNESS,DISABILITY,LACK_OF_LABOUR,ACCIDENT,OTHER}', 'CIVIL_AFFAIRS'),
('TEKUN', 10, '特困供养', 'Support for the extremely poor', '{LACK_OF_LABOUR,DISABILITY,ILLNESS}', 'CIVIL_AFFAIRS'),
('TEMPORARY_RELIEF', 11, '临时救助', 'Temporary relief', '{ACCIDENT,DISASTER,EPIDEMIC,ILLNESS,OTHER}', 'CIVIL_AFFAIRS'),
('DISABILITY_AID', 12, '残疾人帮扶', 'Disability support', '{DISABILITY}', 'DISABLED_PERSONS'),
('CONSUMPTION', 13, '消费帮扶', 'Consumption support', '{INDUSTRY_FAILURE,EPIDEMIC}', 'AGRICULTURE'),
('MICROCREDIT', 14, '小额信贷', 'Microcredit', '{INDUSTRY_FAILURE,OTHER}', 'AGRICULTURE'),
('RELOCATION_FOLLOWUP', 15, '易地搬迁后续扶持', 'Relocation follow-up support', '{HOUSING,DISASTER,OTHER}', 'AGRICULTURE'),
('DISASTER_RELIEF', 16, '灾后救助', 'Disaster relief', '{DISASTER}', 'EMERGENCY');

create table assistance_plan (
    household_id        bigint primary key,
    household_no        varchar(32) collate "C" not null,
    village_code        varchar(12) collate "C" not null,
    case_id             bigint references case_file (id),
    started_on          date not null,
    responsible_name    text,
    responsible_phone   text,
    responsible_user    text,
    visit_interval_days int not null check (visit_interval_days between 1 and 366),
    created_at          timestamptz not null default now(),
    created_by          text not null,
    updated_at          timestamptz not null default now(),
    updated_by          text not null,
    version             int not null default 1
);
create index assistance_plan_village on assistance_plan (village_code);

create table assistance_measure (
    id            bigserial primary key,
    household_id  bigint not null references assistance_plan (household_id),
    measure_type  varchar(32) not null references measure_type (code),
    cause         varchar(24),
    department    varchar(24) not null,
    description   text not null,
    planned_start date not null,
    planned_end   date,
    actual_start  date,
    actual_end    date,
    amount        numeric(14, 2) check (amount is null or amount >= 0),
    status        varchar(12) not null check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    evidence      text,
    created_at    timestamptz not null default now(),
    created_by    text not null,
    updated_at    timestamptz not null default now(),
    updated_by    text not null,
    version       int not null default 1,
    check (planned_end is null or planned_end >= planned_start),
    check (actual_end is null or actual_start is not null and actual_end >= actual_start)
);
create index assistance_measure_household on assistance_measure (household_id, id);

-- 走访: who visited, when, what they found; never changed afterwards.
create table followup_visit (
    id             bigserial primary key,
    household_id   bigint not null references assistance_plan (household_id),
    visited_on     date not null,
    visitor        text not null,
    notes          text not null,
    income_stable  boolean,
    needs_secured  boolean,
    recorded_by    text not null,
    recorded_at    timestamptz not null default now()
);
create index followup_visit_household on followup_visit (household_id, visited_on desc);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('visit_interval_days', '走访间隔天数', 'Days between follow-up visits', 'DAYS', '监测对象两次走访之间的最长天数');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('visit_interval_days', null, '2021-01-01', 30, '常用口径：帮扶责任人每月至少走访一次', 'system');
