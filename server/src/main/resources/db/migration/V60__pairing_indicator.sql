-- 帮扶责任人落实率 as an assessment indicator (issue 23): the population PAIRING (monitored and exited households on
-- the day with their helper then; its rows are the pairing module's) and a default indicator over it, against a
-- threshold parameter. 脱贫户 count while the province's switch helper_for_exited_households is on (过渡期, 003:25).
alter table indicator drop constraint indicator_population_check;
alter table indicator add constraint indicator_population_check
    check (population in ('HOUSEHOLDS', 'MONITORED', 'AT_RISK_IN_PERIOD', 'CASES', 'CHECKED', 'PAIRING'));

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('helper_coverage_min', '帮扶责任人落实率下限', 'Lowest share of households with a helper', 'RATIO',
 '须有帮扶责任人的户（未消除风险的监测对象；开关开启时含脱贫户）中已结对的比例的下限');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('helper_coverage_min', null, '2021-01-01', 1,
 '004:177 结对帮扶、003:25 摘帽不摘帮扶：每户监测对象（过渡期内含脱贫户）都有帮扶责任人', 'system');

insert into indicator (code, ordinal, name_zh, name_en, description_zh, description_en, area, population, filter,
                       condition, counts, denominator, group_by, threshold_key, direction, hard, updated_by) values
('HELPER_COVERAGE', 13, '帮扶责任人落实率', 'Households with a helper',
 '须有帮扶责任人的户（未消除风险的监测对象；开关 helper_for_exited_households 开启时含脱贫户）中考核日已结对的比例',
 'Of the households that must have a helper (monitored ones; exited ones too while helper_for_exited_households is on), the share paired with one on the day',
 'WORK', 'PAIRING', 'monitoring_state = ''MONITORED'' or (identity = ''EXITED'' and helper_for_exited_households = 1)',
 'paired', 'HOUSEHOLDS', 'POPULATION', 'identity', 'helper_coverage_min', 'AT_LEAST', false, 'system');
