-- 利益联结 (004:125, 004:261, 004:479): the households a project reaches, how (务工, 入股分红, 到户补助 …; a
-- village-wide project lists none), and what each was to get and got. A new list replaces the old; rows are kept
-- only as they stand now, the changes in the project's timeline and the audit.
create table project_beneficiary (
    id             bigserial primary key,
    project_id     bigint not null references project (id),
    household_id   bigint not null,
    way            varchar(32) not null,
    planned        numeric(14, 2) check (planned >= 0),
    actual         numeric(14, 2) check (actual >= 0),
    note           text,
    recorded_by    text not null,
    recorded_at    timestamptz not null default now(),
    unique (project_id, household_id, way)
);
create index project_beneficiary_household on project_beneficiary (household_id);
