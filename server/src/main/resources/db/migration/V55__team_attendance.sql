-- 驻村考勤 (no 走读式 or 挂名式 帮扶, 004:611; 004:75): each member's days in the village per month, logged by the village;
-- leave asked by the member's team and approved or refused by the township; months short of the provincial rule listed.
create table team_attendance (
    member_id       bigint not null references team_member (id),
    month           date not null check (extract(day from month) = 1),
    days_in_village int not null check (days_in_village between 0 and 31),
    note            text,
    recorded_by     text not null,
    recorded_at     timestamptz not null default now(),
    primary key (member_id, month)
);

create table team_leave (
    id          bigint generated always as identity primary key,
    member_id   bigint not null references team_member (id),
    from_day    date not null,
    to_day      date not null check (to_day >= from_day),
    reason      text not null check (length(reason) between 1 and 500),
    status      varchar(12) not null check (status in ('REQUESTED', 'APPROVED', 'REFUSED')),
    requested_by text not null,
    decided_by  text,
    decided_at  timestamptz,
    decision_note text
);
create index team_leave_member on team_leave (member_id, from_day);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('village_days_per_month', '每月驻村天数', 'Days in the village a month', 'DAYS',
 '驻村队员每月在村天数下限（省级规定，常见为不少于 20 天，待核实；按当月任期天数折算，经批准的请假天数扣除）');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('village_days_per_month', null, '2021-01-01', 20, '常见省级规定：每月驻村不少于 20 天（待核实）', 'system');
