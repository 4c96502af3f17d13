-- 申诉与纠错 (issue 7): a household or a cadre questions a decision or the data; each is tracked to a decision
-- within a deadline. An upheld grievance about a wrong rejection opens a new identification case; one about a
-- wrong elimination includes the household again at once.
create table grievance (
    id            bigserial primary key,
    household_id  bigint not null,
    household_no  varchar(32) collate "C" not null,
    village_code  varchar(12) collate "C" not null,
    kind          varchar(20) not null check (kind in ('WRONGLY_REJECTED', 'WRONGLY_ELIMINATED', 'WRONG_DATA', 'OTHER')),
    case_id       bigint references case_file (id),
    by_household  boolean not null,
    complainant   text,
    content       text not null,
    received_on   date not null,
    deadline      date not null,
    status        varchar(10) not null check (status in ('OPEN', 'UPHELD', 'DISMISSED')),
    decision      text,
    decided_by    text,
    decided_on    date,
    follow_up_case bigint references case_file (id),
    recorded_by   text not null,
    recorded_at   timestamptz not null default now(),
    version       int not null default 1,
    check ((status = 'OPEN') = (decided_on is null))
);
create index grievance_village on grievance (village_code, id desc);
create index grievance_household on grievance (household_id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('grievance_deadline_days', '申诉办理时限', 'Grievance deadline', 'DAYS', '从受理到作出处理决定的天数');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('grievance_deadline_days', null, '2021-01-01', 15, '常用口径：信访事项15日内告知处理结果', 'system');
