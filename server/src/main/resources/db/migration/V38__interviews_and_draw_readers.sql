-- 约谈, and two refinements of 抽查 and 整改 (issue 21).
-- 约谈 (assessment module, issue 21): the level above (interviewer_region) speaks to those answering for a region
-- below; the findings it concerns; what they undertook and by when; the follow-up once recorded.
create table interview (
    id                 bigserial primary key,
    region_code        varchar(12) collate "C" not null,
    interviewer_region varchar(12) collate "C" not null,
    kind               varchar(16) not null check (kind in ('REMINDER', 'ADMONITION', 'INTERVIEW')),
    interviewee        text not null,
    post               text not null,
    interviewer        text not null,
    held_on            date not null,
    reason             text not null,
    undertaking        text,
    follow_up_due      date,
    follow_up          text,
    followed_up_on     date,
    recorded_by        text not null,
    recorded_at        timestamptz not null default now(),
    version            int not null default 1
);
create index interview_region on interview (region_code, held_on desc);

create table interview_finding (
    interview_id bigint not null references interview (id),
    finding_id   bigint not null references finding (id),
    primary key (interview_id, finding_id)
);
create index interview_finding_finding on interview_finding (finding_id);

-- A draw is read by the level that drew it and those above, never by the region checked: who drew it, by region.
alter table sample_draw add column drawer_region varchar(12) collate "C";
update sample_draw d set drawer_region = coalesce(
    (select u.region_code from app_user u where u.username = d.drawn_by), d.region_code);
alter table sample_draw alter column drawer_region set not null;
create index sample_draw_drawer on sample_draw (drawer_region, id desc);

-- the closed sets of a finding, as the application knows them
alter table finding
    add constraint finding_source check (source in ('INSPECTION', 'SUPERVISION', 'UNANNOUNCED', 'ASSESSMENT', 'AUDIT',
        'SAMPLE_CHECK', 'DATA_QUALITY')),
    add constraint finding_category check (category in ('IDENTIFICATION', 'ASSISTANCE', 'DATA', 'FUNDS', 'WORK_STYLE',
        'OTHER_ISSUE')),
    add constraint finding_severity check (severity in ('MINOR', 'SERIOUS', 'GRAVE'));
