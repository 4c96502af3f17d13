-- 考核评估 (assessment module, issue 21): indicators as data, assessment plans over counties, and scorecards frozen
-- with their inputs.

-- An indicator (考核指标) is a share: of the rows of a population (households as of the day, monitored households,
-- households at risk in the period, identification cases, field checks) that pass the filter, those that meet the
-- condition — counted as households or persons, over the population or the county's rural population — against a
-- threshold parameter, at most or at least. Filter and condition are rule expressions (parsed, never pasted into
-- SQL) over the population's columns and the policy parameters. Only 两不愁三保障 and exit indicators may be hard
-- (一票否决, 004:381).
create table indicator (
    code          varchar(32) primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ordinal       int not null,
    name_zh       text not null,
    name_en       text not null,
    description_zh text not null,
    description_en text not null,
    area          varchar(16) not null check (area in ('GUARANTEE', 'EXIT', 'WORK')),
    population    varchar(24) not null
                  check (population in ('HOUSEHOLDS', 'MONITORED', 'AT_RISK_IN_PERIOD', 'CASES', 'CHECKED')),
    filter        text,
    condition     text not null,
    counts        varchar(12) not null default 'HOUSEHOLDS' check (counts in ('HOUSEHOLDS', 'PERSONS')),
    denominator   varchar(20) not null default 'POPULATION' check (denominator in ('POPULATION', 'RURAL_POPULATION')),
    group_by      varchar(32),
    threshold_key varchar(64) references parameter_definition (key),
    direction     varchar(8) check (direction in ('AT_MOST', 'AT_LEAST')),
    hard          boolean not null default false,
    active        boolean not null default true,
    updated_by    text not null,
    updated_at    timestamptz not null default now(),
    version       int not null default 1,
    check ((threshold_key is null) = (direction is null)),
    check (not hard or (area in ('GUARANTEE', 'EXIT') and threshold_key is not null)),
    check (denominator = 'POPULATION' or counts = 'PERSONS')
);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('incidence_rate_max', '返贫致贫发生率上限', 'Highest incidence of (re)impoverishment', 'RATIO',
 '登记农户中人均纯收入低于国家扶贫标准的人口占农村人口的比例不得超过此值'),
('identification_timely_min', '识别及时率下限', 'Lowest share identified in time', 'RATIO',
 '在识别认定时限内作出审定的认定案件比例不得低于此值'),
('measure_coverage_min', '帮扶措施覆盖率下限', 'Lowest share of monitored households with measures', 'RATIO',
 '有帮扶措施的监测对象比例不得低于此值（动态清零）'),
('visit_compliance_min', '走访达标率下限', 'Lowest share visited in time', 'RATIO',
 '在走访间隔内走访过的监测对象比例不得低于此值'),
('county_assessments_per_year_max', '每县每年考核次数上限', 'Assessments of a county per year, at most', 'COUNT',
 '省市两级对同一县的考核评估（平时考核不计）每年不超过此次数'),
('guarantee_rate_min', '两不愁三保障达标率下限', 'Lowest share with 两不愁三保障 secured', 'RATIO',
 '脱贫户和监测对象中义务教育、基本医疗、住房安全和饮水安全有保障的比例不得低于此值');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('incidence_rate_max', null, '2016-01-01', 0.02, '贫困退出机制意见（2016）：贫困县退出贫困发生率原则上降至2%以下（西部地区3%）', 'system'),
('identification_timely_min', null, '2021-01-01', 0.95, '常用口径（待核实）：识别认定基本在时限内完成', 'system'),
('measure_coverage_min', null, '2021-01-01', 1, '003:29 动态清零：每户监测对象均有针对性帮扶措施', 'system'),
('visit_compliance_min', null, '2021-01-01', 0.95, '常用口径（待核实）：帮扶责任人按期走访', 'system'),
('county_assessments_per_year_max', null, '2016-01-01', 2, '004:399 原则上每年对县的考核不超过2次', 'system'),
('guarantee_rate_min', null, '2016-01-01', 1, '004:381 两不愁三保障全面实现，一项不达标即不达标', 'system');
-- the twelve western provinces (西部地区): 3 % (recorded by the migration: shipped, though provincial)
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by)
select 'incidence_rate_max', code, '2016-01-01', 0.03, '贫困退出机制意见（2016）：西部地区贫困发生率降至3%以下', 'migration'
from (values ('150000000000'), ('450000000000'), ('500000000000'), ('510000000000'), ('520000000000'),
             ('530000000000'), ('540000000000'), ('610000000000'), ('620000000000'), ('630000000000'),
             ('640000000000'), ('650000000000')) as west(code);

insert into indicator (code, ordinal, name_zh, name_en, description_zh, description_en, area, population, filter,
                       condition, counts, denominator, group_by, threshold_key, direction, hard, updated_by) values
('INCIDENCE', 1, '返贫致贫发生率', 'Incidence of (re)impoverishment',
 '风险未消除的监测对象中人均纯收入低于国家扶贫标准或两不愁三保障、饮水安全有一项未保障的户的人口 ÷ 县农村人口（统计部门数，逐年录入）',
 'Persons of monitored households whose income per person is below the national poverty line or who lack one of 两不愁三保障 or safe water, over the county''s rural population (entered yearly)',
 'EXIT', 'HOUSEHOLDS', 'monitoring_state = ''MONITORED''',
 'income_per_person < national_poverty_line or dropouts > 0 or uninsured > 0 or housing_grade in (''C'', ''D'') or water_safe = false',
 'PERSONS', 'RURAL_POPULATION', null,
 'incidence_rate_max', 'AT_MOST', true, 'system'),
('WRONG_EXIT', 2, '错退率', 'Share wrongly exited',
 '抽查核查的风险已消除户中被核定为错退的比例', 'Of the checked households whose risk had been called eliminated, the share found wrongly exited',
 'EXIT', 'CHECKED', 'frame_state = ''ELIMINATED''', 'verdict = ''WRONG_EXIT''', 'HOUSEHOLDS', 'POPULATION', null,
 'wrong_exit_rate_max', 'AT_MOST', true, 'system'),
('MISSED', 3, '漏评率', 'Share missed',
 '抽查核查的未纳入监测户中被核定为漏评的比例', 'Of the checked households not monitored, the share found missed',
 'EXIT', 'CHECKED', 'frame_state = ''NONE''', 'verdict = ''MISSED''', 'HOUSEHOLDS', 'POPULATION', null,
 'missed_rate_max', 'AT_MOST', true, 'system'),
('RECOGNITION', 4, '群众认可度', 'Recognition by households',
 '抽查核查中回答了认可问题的农户里认可帮扶工作的比例', 'Of the checked households that answered, the share that recognises the work',
 'EXIT', 'CHECKED', 'recognised is not null', 'recognised', 'HOUSEHOLDS', 'POPULATION', null,
 'recognition_rate_min', 'AT_LEAST', true, 'system'),
('EDUCATION_SECURED', 5, '义务教育有保障', 'Compulsory education secured',
 '脱贫户和监测对象中没有成员辍学的户的比例', 'Of 脱贫户 and monitored households, the share with no member dropped out of school',
 'GUARANTEE', 'HOUSEHOLDS', 'identity = ''EXITED'' or monitoring_state <> ''NONE''', 'dropouts = 0', 'HOUSEHOLDS',
 'POPULATION', null, 'guarantee_rate_min', 'AT_LEAST', true, 'system'),
('MEDICAL_SECURED', 6, '基本医疗有保障', 'Basic medical care secured',
 '脱贫户和监测对象中成员全部参加基本医疗保险的户的比例', 'Of 脱贫户 and monitored households, the share whose members are all insured',
 'GUARANTEE', 'HOUSEHOLDS', 'identity = ''EXITED'' or monitoring_state <> ''NONE''', 'uninsured = 0', 'HOUSEHOLDS',
 'POPULATION', null, 'guarantee_rate_min', 'AT_LEAST', true, 'system'),
('HOUSING_SECURED', 7, '住房安全有保障', 'Safe housing secured',
 '脱贫户和监测对象中住房不是C、D级危房的户的比例', 'Of 脱贫户 and monitored households, the share whose house is not graded C or D',
 'GUARANTEE', 'HOUSEHOLDS', 'identity = ''EXITED'' or monitoring_state <> ''NONE''',
 'housing_grade is null or housing_grade not in (''C'', ''D'')', 'HOUSEHOLDS', 'POPULATION', null,
 'guarantee_rate_min', 'AT_LEAST', true, 'system'),
('WATER_SECURED', 8, '饮水安全有保障', 'Safe drinking water secured',
 '脱贫户和监测对象中饮水未被记录为不安全的户的比例', 'Of 脱贫户 and monitored households, the share whose water is not recorded unsafe',
 'GUARANTEE', 'HOUSEHOLDS', 'identity = ''EXITED'' or monitoring_state <> ''NONE''', 'water_safe is null or water_safe',
 'HOUSEHOLDS', 'POPULATION', null, 'guarantee_rate_min', 'AT_LEAST', true, 'system'),
('IDENTIFICATION_TIMELY', 9, '识别及时率', 'Identified in time',
 '期内审定的认定案件和到期未审定的案件中，从发现到审定未超过识别认定时限的比例',
 'Of the identification cases decided in the period and those overdue undecided, the share decided within the identification deadline',
 'WORK', 'CASES', null, 'decided and days_to_decision <= identification_deadline_days', 'HOUSEHOLDS', 'POPULATION',
 null, 'identification_timely_min', 'AT_LEAST', false, 'system'),
('MEASURE_COVERAGE', 10, '帮扶措施覆盖率', 'Monitored households with measures',
 '监测对象中有帮扶措施（未取消）的户的比例', 'Of monitored households, the share with at least one measure not cancelled',
 'WORK', 'MONITORED', null, 'measures > 0', 'HOUSEHOLDS', 'POPULATION', null, 'measure_coverage_min', 'AT_LEAST',
 false, 'system'),
('VISIT_COMPLIANCE', 11, '走访达标率', 'Visited in time',
 '监测对象中距上次走访（无走访时自帮扶开始）未超过走访间隔的户的比例',
 'Of monitored households, the share visited within their interval (counted from the plan''s start when never visited)',
 'WORK', 'MONITORED', null, 'days_since_visit <= visit_interval_days', 'HOUSEHOLDS', 'POPULATION', null,
 'visit_compliance_min', 'AT_LEAST', false, 'system'),
('RISK_UNELIMINATED', 12, '风险未消除占比', 'Share with risk not eliminated',
 '期内处于监测中的户（含期内消除风险的）里风险尚未消除的比例，按纳入监测的时长分组（动态清零进度）',
 'Of households at risk during the period (including those eliminated in it), the share whose risk is not yet eliminated, by time since inclusion',
 'WORK', 'AT_RISK_IN_PERIOD', null, 'not eliminated', 'HOUSEHOLDS', 'POPULATION', 'risk_age', null, null, false,
 'system');

-- 农村人口 per county and year, from the statistics office: the denominator of the incidence.
create table rural_population (
    county_code varchar(12) collate "C" not null,
    year        smallint not null check (year between 2013 and 2100),
    persons     int not null check (persons > 0),
    source_note text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now(),
    primary key (county_code, year)
);

-- 考核评估 plans: opened by a province or city (organiser_region) for counties in its scope; 年度 ANNUAL, 平时 REGULAR,
-- 交叉 CROSS, 第三方 THIRD_PARTY. At most two per county per year (004:399; 平时 not counted); a 第三方 plan below the province waits
-- for the province's approval on record (004:399, 004:595).
create table assessment_plan (
    id               bigserial primary key,
    name             text not null,
    kind             varchar(16) not null check (kind in ('ANNUAL', 'REGULAR', 'CROSS', 'THIRD_PARTY')),
    year             smallint not null check (year between 2013 and 2100),
    period_from      date not null,
    as_of            date not null,
    assessor         text,
    organiser_region varchar(12) collate "C" not null,
    opened_by        text not null,
    opened_at        timestamptz not null default now(),
    approval         varchar(12) not null check (approval in ('NOT_NEEDED', 'PENDING', 'APPROVED', 'REFUSED')),
    approved_by      text,
    approved_at      timestamptz,
    approval_note    text,
    scored_by        text,
    scored_at        timestamptz,
    version          int not null default 1,
    check (as_of >= period_from),
    check (extract(year from as_of) = year)
);
create table assessment_plan_county (
    plan_id     bigint not null references assessment_plan (id),
    county_code varchar(12) collate "C" not null,
    -- once scored: PASSED (every hard indicator met), FAILED (one not met), INCOMPLETE (one without a figure)
    result      varchar(12) check (result in ('PASSED', 'FAILED', 'INCOMPLETE')),
    primary key (plan_id, county_code)
);
create index assessment_plan_county_county on assessment_plan_county (county_code, plan_id);

-- A scorecard: each indicator of a plan's county as computed on scoring, frozen with what it was computed from — the
-- indicator's definition, the parameter values, the rural population, the population's size and hash — and the
-- households that count against it (the drill-down).
create table scorecard_indicator (
    plan_id         bigint not null references assessment_plan (id),
    county_code     varchar(12) collate "C" not null,
    indicator_code  varchar(32) not null,
    ordinal         int not null,
    definition      jsonb not null,
    inputs          jsonb not null,
    numerator       bigint not null,
    denominator     bigint,
    threshold       numeric(16, 4),
    met             boolean,
    groups          jsonb not null default '[]',
    population_size int not null,
    population_hash char(64) not null,
    primary key (plan_id, county_code, indicator_code)
);
create table scorecard_household (
    plan_id        bigint not null,
    county_code    varchar(12) collate "C" not null,
    indicator_code varchar(32) not null,
    household_id   bigint not null,
    village_code   varchar(12) collate "C" not null,
    group_value    text,
    primary key (plan_id, county_code, indicator_code, household_id),
    foreign key (plan_id, county_code, indicator_code) references scorecard_indicator (plan_id, county_code, indicator_code)
);
