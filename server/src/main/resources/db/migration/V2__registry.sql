-- 建档立卡户 and 家庭成员, fully versioned: each row is one version of a household or person, valid from an
-- effective date until the next version's (valid_to null = current version). Optimistic locking uses "version".
create sequence household_id_seq;
create sequence person_id_seq;

create table household (
    household_id        bigint      not null,
    version             int         not null check (version >= 1),
    valid_from          date        not null,
    valid_to            date,
    deleted             boolean     not null default false,
    household_no        varchar(32) collate "C" not null,   -- 户编号
    village_code        varchar(12) collate "C" not null references region (code),
    address             text,
    status              varchar(16) not null,   -- HouseholdStatus
    monitoring_category varchar(16),            -- MonitoringCategory, only when status = MONITORED
    risk_causes         text[]      not null default '{}',
    exit_year           smallint check (exit_year between 2013 and 2100),
    housing_grade       char(1) check (housing_grade in ('A', 'B', 'C', 'D')),
    water_safe          boolean,
    income_year         smallint,
    income_wage         numeric(14, 2),
    income_production   numeric(14, 2),
    income_property     numeric(14, 2),
    income_transfer     numeric(14, 2),
    production_cost     numeric(14, 2),
    recorded_at         timestamptz not null default now(),
    recorded_by         text        not null,
    change_reason       text,
    import_id           uuid,
    primary key (household_id, version),
    check (valid_to is null or valid_to >= valid_from),
    check ((status = 'MONITORED') = (monitoring_category is not null))
);
create unique index household_current_no on household (household_no) where valid_to is null and not deleted;
create index household_current_village on household (village_code, household_id) where valid_to is null and not deleted;
-- (household_id, version) primary key serves current, as-of and history lookups by id

create table person (
    person_id          bigint      not null,
    version            int         not null check (version >= 1),
    valid_from         date        not null,
    valid_to           date,
    deleted            boolean     not null default false,
    household_id       bigint      not null,
    id_number          varchar(18) collate "C" not null,   -- 公民身份号码 (GB 11643)
    name               text        not null,
    relation           varchar(24) not null,   -- Relation to head
    sex                char(1)     not null check (sex in ('M', 'F')),
    birth_date         date        not null,
    phone              varchar(20),
    ethnicity          varchar(16),
    education          varchar(24),
    school_status      varchar(24),
    health             varchar(24),
    disability_grade   smallint check (disability_grade between 1 and 4),
    labour_capacity    varchar(24),
    work_status        varchar(24),
    work_place         text,
    work_months        smallint check (work_months between 0 and 12),
    medical_insurance  boolean     not null default false,
    pension_insurance  boolean     not null default false,
    dibao              boolean     not null default false,
    tekun              boolean     not null default false,
    disability_subsidy boolean     not null default false,
    recorded_at        timestamptz not null default now(),
    recorded_by        text        not null,
    change_reason      text,
    import_id          uuid,
    primary key (person_id, version),
    check (valid_to is null or valid_to >= valid_from)
);
-- one ID number belongs to at most one active person
create unique index person_active_id_number on person (id_number) where valid_to is null and not deleted;
create index person_current_name on person (name text_pattern_ops) where valid_to is null and not deleted;
-- members of a household, now or as of a date; (person_id, version) primary key serves lookups by id.
-- Few indexes on purpose: bulk imports write every row through each of them.
create index person_asof on person (household_id, valid_from);
