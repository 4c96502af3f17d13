-- 实地核查 and 整改 (assessment module, issue 21).
--
-- A drawn household keeps who it was and where it stood on the frame's day: a check's verdict is weighed against
-- that (错退 only where the risk had been called eliminated, 漏评 only where the household was not monitored).
alter table sample_household
    add column identity        varchar(16),
    add column monitoring_state varchar(16);
update sample_household set identity = split_part(stratum, '/', 2), monitoring_state = split_part(stratum, '/', 3);
alter table sample_household
    alter column identity set not null,
    alter column monitoring_state set not null;

-- One field check per drawn household: what the checker found (each fact prefilled from the registry as it stood
-- on the frame's day, changed only where the checker saw otherwise), the verdict and whether the household
-- recognises the work (群众认可). A second visit replaces the record; the audit chain keeps each.
create table field_check (
    draw_id          bigint not null,
    household_id     bigint not null,
    village_code     varchar(12) collate "C" not null,
    per_capita_income numeric(12, 2),
    food_clothing    boolean not null,
    education        boolean not null,
    medical          boolean not null,
    housing          boolean not null,
    water            boolean not null,
    verdict          varchar(16) not null check (verdict in ('CORRECT', 'WRONG_EXIT', 'MISSED')),
    recognised       boolean,
    note             text,
    checked_by       text not null,
    checked_on       date not null,
    recorded_at      timestamptz not null default now(),
    version          int not null default 1,
    primary key (draw_id, household_id),
    foreign key (draw_id, household_id) references sample_household (draw_id, household_id)
);

-- 问题整改: a finding issued by a level (its region) to a region below, with the unit that answers for it.
-- 待整改 TO_RECTIFY → 整改中 RECTIFYING → 申请销号 CLOSE_REQUESTED → 已销号 SIGNED_OFF; only the issuing level signs off or
-- reopens (a failed 回头看).
create table finding (
    id               bigserial primary key,
    region_code      varchar(12) collate "C" not null,
    issuer_region    varchar(12) collate "C" not null,
    responsible_unit text not null,
    source           varchar(16) not null,
    category         varchar(24) not null,
    severity         varchar(16) not null,
    title            text not null,
    description      text not null,
    deadline         date not null,
    sample_draw_id   bigint references sample_draw (id),
    state            varchar(16) not null default 'TO_RECTIFY',
    reopened         int not null default 0,
    issued_by        text not null,
    issued_on        date not null,
    closed_on        date,
    version          int not null default 1,
    check (state in ('TO_RECTIFY', 'RECTIFYING', 'CLOSE_REQUESTED', 'SIGNED_OFF'))
);
create index finding_region on finding (region_code, id desc);
create index finding_open_deadline on finding (deadline) where state <> 'SIGNED_OFF';

create table finding_household (
    finding_id   bigint not null references finding (id),
    household_id bigint not null,
    village_code varchar(12) collate "C" not null,
    primary key (finding_id, household_id)
);

-- What happened to a finding, in order: issued, each rectification step with its evidence, the request to close,
-- the sign-off or its refusal, a reopening.
create table finding_event (
    id         bigserial primary key,
    finding_id bigint not null references finding (id),
    action     varchar(16) not null,
    text       text not null,
    done_on    date,
    actor      text not null,
    actor_role varchar(16) not null,
    at         timestamptz not null default now()
);
create index finding_event_finding on finding_event (finding_id, id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('wrong_exit_rate_max', '错退率上限', 'Highest share wrongly exited', 'RATIO', '抽查中风险已消除户被核定为错退的比例不得超过此值'),
('missed_rate_max', '漏评率上限', 'Highest share missed', 'RATIO', '抽查中未纳入监测户被核定为漏评的比例不得超过此值'),
('recognition_rate_min', '群众认可度下限', 'Lowest share recognising the work', 'RATIO', '抽查农户中认可帮扶工作的比例不得低于此值');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('wrong_exit_rate_max', null, '2021-01-01', 0.02, '错退率低于2%（贫困退出考核惯例，SPEC §3；待核对现行文件）', 'system'),
('missed_rate_max', null, '2021-01-01', 0.02, '漏评率低于2%（贫困退出考核惯例，SPEC §3；待核对现行文件）', 'system'),
('recognition_rate_min', null, '2021-01-01', 0.90, '群众认可度高于90%（《关于建立贫困退出机制的意见》2016；SPEC §3）', 'system');
