-- 高校知识产权 (issue 25; 000:50–130): a university's invention disclosures (披露, 000:88), the evaluation before
-- filing and its decision (000:92, 000:96), patents with their ownership split and fee ledger (000:94), the yearly
-- 维持/放弃 decision, and 转化运用 (转让, 许可, 作价入股, 共有; 000:126) with the money received. A university is an
-- organisation, not a region: its users (role UNIVERSITY) see only its own records (ADR 0032).

create table ip_university (
    id           bigint generated always as identity primary key,
    name         text not null unique check (length(name) between 2 and 100),
    -- 学校标识码 (10 digits) where known
    code         varchar(10) unique check (code is null or code ~ '^[0-9]{10}$'),
    region_code  varchar(12) collate "C" not null references region (code),
    created_by   text not null,
    created_at   timestamptz not null default now()
);

-- which university a UNIVERSITY user works for (one each)
create table ip_university_user (
    username       text primary key,
    university_id  bigint not null references ip_university (id),
    created_by     text not null,
    created_at     timestamptz not null default now()
);

create table ip_disclosure (
    id                      bigint generated always as identity primary key,
    university_id           bigint not null references ip_university (id),
    title                   text not null check (length(title) between 2 and 300),
    college                 text check (college is null or length(college) <= 100),
    -- FISCAL 财政资金, COMMISSIONED 企业或其他组织委托, OTHER
    funding                 varchar(16) not null,
    -- for a commissioned project: the contract's parties decided to file (000:92)
    contract_files          boolean not null default false,
    disclosed_on            date not null,
    -- 涉密: only metadata is kept here (000:88)
    classified              boolean not null default false,
    note                    text check (note is null or length(note) <= 1000),
    created_by              text not null,
    created_at              timestamptz not null default now(),
    version                 int not null default 1
);
create index ip_disclosure_university on ip_disclosure (university_id, disclosed_on desc);

create table ip_inventor (
    disclosure_id  bigint not null references ip_disclosure (id),
    seq            int not null check (seq between 1 and 50),
    name           text not null check (length(name) between 1 and 50),
    staff_no       varchar(32),
    college        text check (college is null or length(college) <= 100),
    -- 贡献份额, per cent; a disclosure's shares add up to 100
    share          numeric(5, 2) not null check (share > 0 and share <= 100),
    primary key (disclosure_id, seq)
);

-- 申请前评估 (000:92): the latest evaluation of a disclosure decides
create table ip_evaluation (
    id              bigint generated always as identity primary key,
    disclosure_id   bigint not null references ip_disclosure (id),
    -- INTERNAL 本校知识产权管理部门, MARKET 市场化机构
    evaluator_kind  varchar(16) not null,
    evaluator       text not null check (length(evaluator) between 1 and 100),
    evaluated_on    date not null,
    cost            numeric(14, 2) not null default 0 check (cost >= 0),
    novelty         text check (novelty is null or length(novelty) <= 2000),
    market          text check (market is null or length(market) <= 2000),
    prospect        text check (prospect is null or length(prospect) <= 2000),
    -- FILE 申请, NOT_FILE 不申请, TRANSFER_TO_INVENTOR 转让申请权给发明人, TRADE_SECRET 技术秘密
    decision        varchar(24) not null,
    decided_by      text not null check (length(decided_by) between 1 and 50),
    reason          text check (reason is null or length(reason) <= 2000),
    -- 勤勉尽责: the record that exempts a decision not to file (000:92)
    diligence_note  text check (diligence_note is null or length(diligence_note) <= 2000),
    created_by      text not null,
    created_at      timestamptz not null default now()
);
create index ip_evaluation_disclosure on ip_evaluation (disclosure_id, id desc);

create table ip_patent (
    id                  bigint generated always as identity primary key,
    university_id       bigint not null references ip_university (id),
    disclosure_id       bigint not null references ip_disclosure (id),
    number              varchar(32) not null unique,
    -- INVENTION 发明, UTILITY 实用新型, DESIGN 外观设计
    type                varchar(16) not null,
    filed_on            date not null,
    granted_on          date check (granted_on is null or granted_on >= filed_on),
    -- FILED 申请中, GRANTED 有效, ABANDONED 放弃, LAPSED 失效
    status              varchar(16) not null,
    -- UNIVERSITY 高校所有, SPLIT 所有权分割, INVENTOR 发明人所有 (申请权转让)
    ownership           varchar(16) not null,
    -- 所有权分割: the inventors' part of the right (000:94)
    inventor_ownership  numeric(5, 2) check (inventor_ownership is null or inventor_ownership between 0 and 100),
    -- 既定比例: the inventors' share of the net income (for an inventor's patent, what they keep)
    inventor_share      numeric(5, 2) not null check (inventor_share between 0 and 100),
    -- 开放许可 terms and publication (000:128)
    open_licence_terms  text check (open_licence_terms is null or length(open_licence_terms) <= 2000),
    open_licence_on     date,
    -- 正当理由 for not using a patent granted three years ago (000:130)
    unused_reason       text check (unused_reason is null or length(unused_reason) <= 1000),
    created_by          text not null,
    created_at          timestamptz not null default now(),
    version             int not null default 1,
    check ((ownership = 'SPLIT') = (inventor_ownership is not null))
);
create index ip_patent_university on ip_patent (university_id, filed_on desc);

-- 专利费用台账: who paid, from which funds (an inventor may not pay from 财政 funds, 000:94)
create table ip_fee (
    id           bigint generated always as identity primary key,
    patent_id    bigint not null references ip_patent (id),
    -- APPLICATION 申请费, EXAMINATION 审查费, ANNUAL 年费, AGENCY 代理费, OTHER
    kind         varchar(16) not null,
    paid_on      date not null,
    amount       numeric(14, 2) not null check (amount > 0),
    -- UNIVERSITY, INVENTOR
    payer        varchar(16) not null,
    -- FISCAL 财政资金, OWN 自有资金, COMMISSION 委托方
    fund_source  varchar(16) not null,
    note         text check (note is null or length(note) <= 500),
    created_by   text not null,
    created_at   timestamptz not null default now(),
    check (not (payer = 'INVENTOR' and fund_source = 'FISCAL'))
);
create index ip_fee_patent on ip_fee (patent_id);

-- 维持/放弃: one decision per patent and fee year (the year of the annual fee due on the filing day's anniversary)
create table ip_maintenance (
    patent_id   bigint not null references ip_patent (id),
    fee_year    int not null check (fee_year between 1985 and 2100),
    decision    varchar(16) not null,
    reason      text not null check (length(reason) between 1 and 1000),
    decided_on  date not null,
    decided_by  text not null,
    primary key (patent_id, fee_year)
);

-- 转化运用 (000:126): 转让, 许可 (普通/独占/排他/开放), 作价入股, 共有
create table ip_transaction (
    id                  bigint generated always as identity primary key,
    patent_id           bigint not null references ip_patent (id),
    form                varchar(16) not null,
    licence_kind        varchar(16),
    counterparty        text not null check (length(counterparty) between 2 and 200),
    -- ENTERPRISE, COOPERATIVE, VILLAGE, INSTITUTION, PERSON
    counterparty_kind   varchar(16) not null,
    -- 科技帮扶: the counterparty's place in the platform's region tree
    region_code         varchar(12) collate "C" references region (code),
    signed_on           date not null,
    contract_no         varchar(64),
    amount              numeric(14, 2) not null default 0 check (amount >= 0),
    -- costs of the deal itself (评估, 代理, 交易服务), deducted with the fees
    costs               numeric(14, 2) not null default 0 check (costs >= 0),
    note                text check (note is null or length(note) <= 1000),
    created_by          text not null,
    created_at          timestamptz not null default now(),
    check ((form = 'LICENCE') = (licence_kind is not null))
);
create index ip_transaction_patent on ip_transaction (patent_id);
create index ip_transaction_region on ip_transaction (region_code) where region_code is not null;

create table ip_receipt (
    id              bigint generated always as identity primary key,
    transaction_id  bigint not null references ip_transaction (id),
    received_on     date not null,
    amount          numeric(14, 2) not null check (amount > 0),
    note            text check (note is null or length(note) <= 500),
    created_by      text not null,
    created_at      timestamptz not null default now()
);
create index ip_receipt_transaction on ip_receipt (transaction_id);
