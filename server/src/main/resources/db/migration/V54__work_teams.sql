-- 驻村工作队 and 第一书记 (issue 23; 003:85, 004:195, 004:403): the units that send cadres, a team per village with its
-- sending units and period, its members with their sealed ID and phone, post, term and status.

create table assist_unit (
    id          bigint generated always as identity primary key,
    name        text not null check (length(name) between 1 and 200),
    kind        varchar(32) not null,
    place       text check (place is null or length(place) <= 200),
    created_by  text not null,
    created_at  timestamptz not null default now(),
    unique (name)
);

create table work_team (
    id            bigint generated always as identity primary key,
    village_code  varchar(12) collate "C" not null references region (code),
    started_on    date not null,
    ended_on      date check (ended_on is null or ended_on >= started_on),
    end_reason    text,
    created_by    text not null,
    created_at    timestamptz not null default now(),
    version       int not null default 1
);
-- one team at work in a village at a time
create unique index work_team_active on work_team (village_code) where ended_on is null;

create table work_team_unit (
    team_id  bigint not null references work_team (id),
    unit_id  bigint not null references assist_unit (id),
    primary key (team_id, unit_id)
);

create table team_member (
    id             bigint generated always as identity primary key,
    team_id        bigint not null references work_team (id),
    village_code   varchar(12) collate "C" not null,
    name           text not null check (length(name) between 1 and 50),
    id_number_enc  bytea not null,
    id_lookup      bytea not null,
    phone_enc      bytea,
    unit_id        bigint not null references assist_unit (id),
    post           varchar(24) not null check (post in ('FIRST_SECRETARY', 'LEADER', 'MEMBER')),
    term_from      date not null,
    term_to        date not null check (term_to > term_from),
    status         varchar(12) not null check (status in ('ON_DUTY', 'RECALLED', 'ROTATED', 'EXPIRED')),
    status_on      date not null,
    status_reason  text,
    approval_no    text,
    created_by     text not null,
    created_at     timestamptz not null default now()
);
-- nobody on two teams at once; one 第一书记 at work per village
create unique index team_member_on_duty on team_member (id_lookup) where status = 'ON_DUTY';
create unique index team_member_first_secretary on team_member (village_code)
    where status = 'ON_DUTY' and post = 'FIRST_SECRETARY';
create index team_member_team on team_member (team_id, id);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('team_min_members', '驻村工作队最少人数', 'Fewest members of a village work team', 'PERSONS',
 '在岗队员少于此数的工作队列入人数不足清单（2021 年中办《关于向重点乡村持续选派驻村第一书记和工作队的意见》：一般不少于 3 人，待核实）'),
('team_term_months', '驻村任期', 'A village cadre''s term', 'MONTHS',
 '新选派队员的默认任期（同上意见：一般不少于 2 年，待核实）'),
('team_rotation_notice_days', '任期届满提前提示天数', 'Days before a term ends to list it for rotation', 'DAYS',
 '任期在此天数内届满的队员列入轮换清单');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('team_min_members', null, '2021-01-01', 3, '2021 年中办选派意见：工作队一般不少于 3 人（待核实）', 'system'),
('team_term_months', null, '2021-01-01', 24, '2021 年中办选派意见：任期一般不少于 2 年（待核实）', 'system'),
('team_rotation_notice_days', null, '2021-01-01', 90, '常用口径：提前一个季度安排轮换', 'system');
