-- 高校知识产权, second part (issue 25): 备案 of the year's 转化 (000:126), 非正常专利申请 per quarter with the 中国专利奖
-- warning, the 开放许可 of patents unused three years after grant (000:128–130), the research project a disclosure
-- came from (项目成果知识产权清单, 000:84), and 代表作评价 records (000:24–48, 000:114–116) — with no field for paper
-- counts, impact factors, ESI ranks or filing counts, and no ranking.

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('ip_irregular_quarter_max', '非正常专利申请每季度上限', 'Irregular patent applications a quarter, at most', 'ITEMS',
 '一所高校每季度被通报的非正常专利申请超过此数，国家知识产权局取消其下一年度申报中国专利奖资格（000:126）'),
('ip_irregular_share_max', '非正常专利申请年度占比上限', 'Irregular share of the year''s applications, at most', 'RATIO',
 '本年度非正常专利申请占专利申请总量的比例超过此值，取消下一年度申报中国专利奖资格（000:126）'),
('ip_review_works_max', '代表作数量上限', 'Representative works, at most', 'ITEMS',
 '一次代表作评价可提交的代表性成果件数上限（000:40 实行代表作评价，精简申报材料；件数由学校规定）');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('ip_irregular_quarter_max', null, '2020-02-03', 5, '000:126 教科技〔2020〕1号：非正常专利申请每季度超过5件', 'system'),
('ip_irregular_share_max', null, '2020-02-03', 0.05, '000:126 教科技〔2020〕1号：本年度占比超过5%', 'system'),
('ip_review_works_max', null, '2020-02-03', 5, '常见做法：代表作不超过5件（学校自定，待核实）', 'system');

-- the research project a disclosure came from, for the project's IP list at 验收 (000:84)
alter table ip_disclosure add column research_project text
    check (research_project is null or length(research_project) <= 200);
create index ip_disclosure_project on ip_disclosure (university_id, research_project) where research_project is not null;

-- 非正常专利申请: one row per application named in a CNIPA notice
create table ip_irregular (
    id              bigint generated always as identity primary key,
    university_id   bigint not null references ip_university (id),
    application_no  varchar(32) not null,
    notified_on     date not null,
    note            text check (note is null or length(note) <= 500),
    created_by      text not null,
    created_at      timestamptz not null default now(),
    unique (university_id, application_no)
);
create index ip_irregular_university on ip_irregular (university_id, notified_on);

-- 备案: the year's 转化 prepared as a file for the CNIPA system (prepared here, submitted there)
create table ip_filing (
    university_id  bigint not null references ip_university (id),
    year           int not null check (year between 2000 and 2100),
    deals          int not null,
    prepared_by    text not null,
    prepared_at    timestamptz not null default now(),
    primary key (university_id, year)
);

-- 代表作评价: a person, team or project evaluated by representative works and peers
create table ip_review (
    id              bigint generated always as identity primary key,
    university_id   bigint not null references ip_university (id),
    -- PERSON, TEAM, PROJECT
    subject_kind    varchar(16) not null,
    subject         text not null check (length(subject) between 1 and 200),
    -- BASIC 基础研究, APPLIED 应用研究和技术创新, TRANSFER 成果转化 (000:32)
    research_type   varchar(16) not null,
    purpose         text not null check (length(purpose) between 1 and 200),
    reviewed_on     date not null,
    -- 评价意见 and 结论 once the peers have judged
    opinion         text check (opinion is null or length(opinion) <= 4000),
    -- PASSED, NOT_PASSED
    conclusion      varchar(16),
    created_by      text not null,
    created_at      timestamptz not null default now(),
    version         int not null default 1,
    check ((opinion is null) = (conclusion is null))
);
create index ip_review_university on ip_review (university_id, reviewed_on desc);

create table ip_review_work (
    review_id       bigint not null references ip_review (id),
    seq             int not null check (seq between 1 and 50),
    -- PAPER, PATENT, TRANSFER, STANDARD, REPORT, OTHER
    kind            varchar(16) not null,
    title           text not null check (length(title) between 1 and 300),
    -- 创新点和意义 (000:40): what each work is judged on
    innovation      text not null check (length(innovation) between 1 and 2000),
    patent_id       bigint references ip_patent (id),
    transaction_id  bigint references ip_transaction (id),
    primary key (review_id, seq)
);

create table ip_review_reviewer (
    review_id      bigint not null references ip_review (id),
    seq            int not null check (seq between 1 and 50),
    name           text not null check (length(name) between 1 and 50),
    affiliation    text check (affiliation is null or length(affiliation) <= 100),
    -- 利益相关方回避 (000:34): a reviewer who declares an interest is recused
    conflict       boolean not null,
    conflict_note  text check (conflict_note is null or length(conflict_note) <= 500),
    primary key (review_id, seq)
);
