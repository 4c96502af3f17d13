-- 驻村干部培训 (004:407 加强培训; 001:223 新选派的驻村干部全部培训): a course held on a day by a county (or a level above)
-- with the team members who took part; members at work who have taken none since shortly before their term began are
-- listed once `team_training_due_days` have passed.
create table team_training (
    id           bigint generated always as identity primary key,
    region_code  varchar(12) collate "C" not null references region (code),
    course       text not null check (length(course) between 1 and 200),
    held_on      date not null,
    days         numeric(4, 1) check (days is null or days > 0),
    organiser    text check (organiser is null or length(organiser) <= 200),
    created_by   text not null,
    created_at   timestamptz not null default now()
);
create index team_training_region on team_training (region_code, held_on);

create table team_training_member (
    training_id  bigint not null references team_training (id),
    member_id    bigint not null references team_member (id),
    primary key (training_id, member_id)
);
create index team_training_member_member on team_training_member (member_id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('team_training_due_days', '驻村干部培训期限', 'Days a new village cadre has to be trained', 'DAYS',
 '任期开始后超过此天数仍无培训记录的在岗队员列入未培训清单（001:223 新选派的驻村干部全部培训；任期开始前 90 天内的岗前培训计入）');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('team_training_due_days', null, '2021-01-01', 60, '001:223 新选派驻村干部全部培训；期限为常用口径（到岗两个月内），待核实', 'system');
