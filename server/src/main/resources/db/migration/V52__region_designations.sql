-- A county's designations for a period: 脱贫县 and 国家乡村振兴重点帮扶县 (003:65). Policies follow them: the
-- 涉农资金统筹整合试点 ran in 脱贫县 for the 过渡期's first three years and in 重点帮扶县 after (003:71).
create table region_designation (
    id          bigint generated always as identity primary key,
    code        varchar(12) collate "C" not null references region (code),
    kind        varchar(32) not null check (kind in ('POVERTY_COUNTY', 'KEY_ASSISTANCE_COUNTY')),
    valid_from  date not null,
    valid_to    date check (valid_to is null or valid_to > valid_from),
    document_no text not null check (length(document_no) between 1 and 100),
    recorded_at timestamptz not null default now()
);
create index region_designation_code on region_designation (code, kind, valid_from);

-- 统筹整合试点 in every 脱贫县: on for the 过渡期's first three years (2021–2023), off after (only 重点帮扶县).
insert into parameter_definition (key, name_zh, name_en, unit, description) values
('integration_pilot_all_poverty_counties', '脱贫县涉农资金统筹整合试点', 'Integrated agriculture funds in every poverty county', 'FLAG',
 '开：所有脱贫县可统筹整合使用财政涉农资金；关：仅国家乡村振兴重点帮扶县（003:71 过渡期前3年脱贫县继续实行，此后调整至重点帮扶县）');
insert into policy_parameter (key, province_code, valid_from, valid_to, value, source_note, recorded_by) values
('integration_pilot_all_poverty_counties', null, '2021-01-01', '2024-01-01', 1, '003:71 过渡期前3年脱贫县继续实行涉农资金统筹整合试点政策', 'system'),
('integration_pilot_all_poverty_counties', null, '2024-01-01', null, 0, '003:71 此后调整至国家乡村振兴重点帮扶县实施', 'system');
