-- Outlier villages (issue 21): checks over each village's figures beside the other villages of its county, and the
-- village-level issues they open — an issue about a village as a whole names no household.

alter table quality_check drop constraint quality_check_source_check;
alter table quality_check add constraint quality_check_source_check
    check (source in ('LAKE', 'DATABASE', 'REGISTRY', 'VILLAGE'));

-- What an issue is about: its household, or for a village-level issue its village (a household's issue follows the
-- household when it moves to another village; a village's issue never moves).
alter table quality_issue alter column household_id drop not null;
alter table quality_issue add column subject text
    generated always as (coalesce(household_id::text, 'V' || village_code)) stored;
drop index quality_issue_live;
create unique index quality_issue_live on quality_issue (check_code, subject)
    where state in ('OPEN', 'FIXED', 'EXPLAINED', 'FALSE_POSITIVE');

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('outlier_min_villages', '异常村比较最少村数', 'Fewest villages to compare a village with', 'COUNT',
 '县内有户的村少于此数时，不与全县各村比较'),
('outlier_min_households', '异常村比较最少户数', 'Fewest households of a village compared', 'COUNT',
 '村内（用于比较的）户数少于此数时，占比波动大，不列为异常'),
('outlier_low_ratio', '监测对象占比偏低系数', 'Low share of monitored households, as a part of the median', 'RATIO',
 '村监测对象占比低于全县各村中位数乘以此系数时，列为异常村（应纳尽纳）'),
('at_line_band', '收入卡线区间', 'Band just above the monitoring line', 'RATIO',
 '人均纯收入不低于监测收入线、低于监测收入线×(1+此比例)的，为收入卡线户'),
('at_line_min_share', '收入卡线户最低占比', 'Smallest share of households just above the line', 'RATIO',
 '村脱贫户和监测对象中收入卡线户的占比达到此比例，且高于全县中位数若干倍时，列为异常村'),
('outlier_high_ratio', '收入卡线户占比偏高倍数', 'High share just above the line, as a multiple of the median', 'RATIO',
 '村收入卡线户占比高于全县各村中位数乘以此倍数时，列为异常村');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('outlier_min_villages', null, '2021-01-01', 5, '常用口径（待核实）', 'system'),
('outlier_min_households', null, '2021-01-01', 30, '常用口径（待核实）：30户以下的村占比不稳定', 'system'),
('outlier_low_ratio', null, '2021-01-01', 0.25, '常用口径（待核实）：不足全县中位水平的四分之一', 'system'),
('at_line_band', null, '2021-01-01', 0.10, '常用口径（待核实）：监测线以上10%以内', 'system'),
('at_line_min_share', null, '2021-01-01', 0.20, '常用口径（待核实）', 'system'),
('outlier_high_ratio', null, '2021-01-01', 2, '常用口径（待核实）：全县中位水平的两倍以上', 'system');

insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en, source, condition, weight,
                           review_only, active, updated_by) values
('VILLAGE_FEW_MONITORED', 14, '监测对象占比异常偏低的村', 'Village with too few monitored households',
 '村里纳入过监测的户占全村户数的比例远低于全县各村的中位水平，核实是否应纳尽纳、有无漏评（004:41）',
 'The share of the village''s households ever monitored is far below the median of the county''s villages: check that none who should be monitored was missed (004:41)',
 'VILLAGE',
 'county_villages >= outlier_min_villages and village_households >= outlier_min_households and county_monitored_median > 0 and village_monitored_share < county_monitored_median * outlier_low_ratio',
 5, false, true, 'system'),
('VILLAGE_INCOME_AT_LINE', 15, '收入卡线户占比异常偏高的村', 'Village with many incomes just above the line',
 '村里脱贫户和监测对象的人均纯收入刚过监测收入线的比例远高于全县各村的中位水平，核实收入是否“算账式”“指标式”算出（防止数字脱贫，001:209）',
 'Far more of the village''s 脱贫户 and monitored households than the county''s median village have a net income per head just above the monitoring line: check the incomes were not calculated to pass (no 数字脱贫, 001:209)',
 'VILLAGE',
 'county_villages >= outlier_min_villages and village_covered_households >= outlier_min_households and village_at_line_share >= at_line_min_share * 100 and village_at_line_share > county_at_line_median * outlier_high_ratio',
 5, false, true, 'system');
