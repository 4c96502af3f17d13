-- 数据质量 (quality module, issue 21): checks as data, runs, and the issues they send to villages.

-- A check (数据质量核查规则) is a condition — a rule expression, parsed, never pasted into SQL — over the facts of one
-- source: LAKE (each household of the registry snapshot beside the departments' feeds, on the batch engine) or
-- DATABASE (each monitored or eliminated household beside its plan, measures, visits and cases). Its weight counts
-- its open issues in a village's score.
create table quality_check (
    code           varchar(32) primary key check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ordinal        int not null,
    name_zh        text not null,
    name_en        text not null,
    description_zh text not null,
    description_en text not null,
    source         varchar(12) not null check (source in ('LAKE', 'DATABASE')),
    condition      text not null,
    weight         numeric(6, 2) not null check (weight >= 0 and weight <= 100),
    review_only    boolean not null default false,
    active         boolean not null default true,
    updated_by     text not null,
    updated_at     timestamptz not null default now(),
    version        int not null default 1
);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('death_grace_days', '死亡销户宽限天数', 'Days allowed to remove a deceased member', 'DAYS',
 '公安死亡登记后超过此天数仍在家庭成员中，列为数据质量问题'),
('payment_after_death_grace_days', '死亡后发放宽限天数', 'Days of payments allowed after a death', 'DAYS',
 '死亡后超过此天数仍有救助发放或工资记录，列为疑似虚报冒领'),
('wage_mismatch_ratio', '工资收入差异比例', 'Wage mismatch ratio', 'RATIO',
 '登记的工资性收入与人社数据年化工资相差超过此比例（且超过最小金额）时列为问题'),
('wage_mismatch_min_cny', '工资收入差异最小金额', 'Smallest wage mismatch', 'CNY',
 '登记的工资性收入与人社数据年化工资相差不超过此金额时不列为问题'),
('elimination_min_visits', '风险消除前最少走访次数', 'Fewest visits before an elimination', 'COUNT',
 '风险消除前的稳定观察期内走访少于此次数，列为问题');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('death_grace_days', null, '2021-01-01', 30, '常用口径（待核实）：死亡后一个月内办理减员', 'system'),
('payment_after_death_grace_days', null, '2021-01-01', 31, '常用口径（待核实）：跨月发放不计', 'system'),
('wage_mismatch_ratio', null, '2021-01-01', 0.30, '常用口径（待核实）', 'system'),
('wage_mismatch_min_cny', null, '2021-01-01', 2000, '常用口径（待核实）', 'system'),
('elimination_min_visits', null, '2021-01-01', 3, '常用口径（待核实）：稳定观察期内每两个月至少走访一次', 'system');

insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en, source, condition, weight,
                           review_only, active, updated_by) values
('DECEASED_ACTIVE', 1, '已死亡仍在册', 'Deceased yet registered',
 '公安登记死亡的家庭成员超过宽限期仍在册（卡内无硬伤，004:605）',
 'A member registered dead by public security is still a member after the grace period',
 'LAKE', 'days_since_death > death_grace_days', 3, false, true, 'system'),
('PAYMENT_AFTER_DEATH', 2, '死亡后仍有发放', 'Payments after death',
 '成员死亡后仍有救助发放或工资记录，疑似虚报冒领（004:161）',
 'Assistance paid or wages recorded for a member after their death: possibly false claims',
 'LAKE', 'days_paid_after_death > payment_after_death_grace_days', 5, false, true, 'system'),
('WAGE_MISMATCH', 3, '工资收入与人社数据不符', 'Wages unlike the employment data',
 '脱贫户和监测对象登记的工资性收入与人社数据近12个月年化工资相差超过比例和最小金额（收入决定其监测状态；防止数字脱贫，001:209）',
 'The registered wage income of a 脱贫户 or monitored household differs from the employment feed''s annualised wages of the last 12 months by more than the ratio and the smallest amount',
 'LAKE',
 '(identity = ''EXITED'' or monitoring_state <> ''NONE'') and feed_wage_12m is not null and (registry_wage - feed_wage_12m > wage_mismatch_min_cny or feed_wage_12m - registry_wage > wage_mismatch_min_cny) and (registry_wage - feed_wage_12m > feed_wage_12m * wage_mismatch_ratio or feed_wage_12m - registry_wage > feed_wage_12m * wage_mismatch_ratio)',
 1, false, true, 'system'),
('UNSAFE_HOUSE_COUNTED_SAFE', 4, '危房登记为安全', 'Unsafe house registered safe',
 '住建最新鉴定为C、D级危房，登记却不是C、D级（住房安全有保障）',
 'The housing department''s latest assessment grades the house C or D, the registry does not',
 'LAKE', 'feed_housing_grade in (''C'', ''D'') and (registry_housing_grade is null or registry_housing_grade not in (''C'', ''D''))',
 3, false, true, 'system'),
('NOMINAL_ASSISTANCE', 5, '挂名式帮扶', 'Nominal assistance',
 '帮扶措施标为已完成，从开始到完成后一个走访间隔内却没有一次走访（不准搞“走读式”“挂名式”帮扶，004:611）',
 'A measure marked done with no visit from its start to one visit interval after its end',
 'DATABASE', 'done_measures_unvisited > 0', 2, false, true, 'system'),
('ELIMINATION_WITHOUT_VISITS', 6, '风险消除前走访不足', 'Too few visits before elimination',
 '风险消除前稳定观察期内的走访少于规定次数（防止数字脱贫）',
 'Fewer visits than required in the stable months before the risk was called eliminated',
 'DATABASE', 'monitoring_state = ''ELIMINATED'' and has_plan and visits_before_elimination < elimination_min_visits',
 2, false, true, 'system'),
('MONITORED_WITHOUT_PLAN', 7, '监测对象无帮扶计划', 'Monitored without a plan',
 '风险未消除的监测对象没有帮扶计划（账账相符：登记与帮扶台账）',
 'A monitored household has no assistance plan (records agree: registry and plans)',
 'DATABASE', 'monitoring_state = ''MONITORED'' and not has_plan', 2, false, true, 'system'),
('MONITORED_WITHOUT_CASE', 8, '监测对象无认定记录', 'Monitored without an identification case',
 '监测对象没有县级审定纳入的认定案件（账账相符：登记与识别认定；平台上线前纳入的户会大量命中，默认停用）',
 'A monitored household has no identification case decided for inclusion (records agree; off by default, since households included before the platform have none)',
 'DATABASE', 'monitoring_state = ''MONITORED'' and not included_by_case', 1, false, false, 'system');

-- A run: every active check over the whole registry as of a day.
create table quality_run (
    id          bigserial primary key,
    as_of       date not null,
    started_by  text not null,
    started_at  timestamptz not null default now(),
    finished_at timestamptz,
    checks      jsonb not null default '{}',
    flagged     int,
    opened      int,
    reopened    int,
    closed      int,
    lake_ms     bigint,
    database_ms bigint
);

-- An issue: one check's finding on one household, sent to its village. OPEN → FIXED (the village says so; the next
-- run closes it when the check no longer finds it, or opens it again) | EXPLAINED | FALSE_POSITIVE (the village's
-- reasons, kept; not found again) → CLOSED (by a run).
create table quality_issue (
    id           bigserial primary key,
    check_code   varchar(32) not null references quality_check (code),
    household_id bigint not null,
    village_code varchar(12) collate "C" not null,
    state        varchar(16) not null check (state in ('OPEN', 'FIXED', 'EXPLAINED', 'FALSE_POSITIVE', 'CLOSED')),
    facts        jsonb not null,
    first_run    bigint not null references quality_run (id),
    last_run     bigint not null references quality_run (id),
    closed_run   bigint references quality_run (id),
    reopened     int not null default 0,
    note         text,
    reviewed_by  text,
    reviewed_at  timestamptz,
    version      int not null default 1
);
-- one live issue per check and household
create unique index quality_issue_live on quality_issue (check_code, household_id)
    where state in ('OPEN', 'FIXED', 'EXPLAINED', 'FALSE_POSITIVE');
create index quality_issue_village on quality_issue (village_code, state);
