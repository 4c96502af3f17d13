-- Three more data-quality checks of issue 21 (防止数字脱贫 001:209, 卡内无硬伤 004:605), and a third source of facts.

-- REGISTRY: each household as of the run's day with a member whose name, birth date and sex are also those of a
-- member of another household, or a member's phone (compared by its lookup hash, never in clear) also given for
-- another household's member — computed in PostgreSQL, where the names and the phones' hashes are.
alter table quality_check drop constraint quality_check_source_check;
alter table quality_check add constraint quality_check_source_check
    check (source in ('LAKE', 'DATABASE', 'REGISTRY'));

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('income_jump_ratio', '消除前收入跃升比例', 'Income jump before an elimination', 'RATIO',
 '风险消除户登记的家庭纯收入较上一收入年度增加超过此比例，且人社数据不见相应工资时，列为问题'),
('income_jump_recent_days', '收入跃升核查期', 'Days after an elimination to look for an income jump', 'DAYS',
 '风险消除后此天数内核查收入跃升'),
('shared_phone_households', '同一电话户数', 'Households sharing one phone', 'COUNT',
 '同一联系电话登记在此户数及以上的不同农户时，列为问题');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('income_jump_ratio', null, '2021-01-01', 0.50, '常用口径（待核实）：防止“算账式”“指标式”消除', 'system'),
('income_jump_recent_days', null, '2021-01-01', 365, '常用口径（待核实）：消除后一年内', 'system'),
('shared_phone_households', null, '2021-01-01', 3, '常用口径（待核实）：父母与分户子女共用一部电话常见，故取 3 户', 'system');

insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en, source, condition, weight,
                           review_only, active, updated_by) values
('INCOME_JUMP_BEFORE_ELIMINATION', 10, '消除前收入突增无依据', 'Income jump before elimination without support',
 '风险消除的户在消除当年或之前登记的家庭纯收入较上一收入年度大幅增加，而人社数据不见相应工资（防止“数字脱贫”“算账式”消除，001:209）',
 'A household whose risk was called eliminated recently registered a net income far above the year before, and the employment data show no such wages (no 数字脱贫, 001:209)',
 'LAKE',
 'monitoring_state = ''ELIMINATED'' and days_since_elimination <= income_jump_recent_days and income_year <= elimination_year and previous_net_income > 0 and registry_net_income - previous_net_income > previous_net_income * income_jump_ratio and (feed_wage_12m is null or registry_wage - feed_wage_12m > wage_mismatch_min_cny)',
 2, false, true, 'system'),
('PERSON_IN_TWO_HOUSEHOLDS', 11, '一人多户', 'One person in two households',
 '家庭成员的姓名、出生日期和性别与另一农户的成员相同，可能重复登记（卡内无硬伤，004:605）',
 'A member has the name, birth date and sex of a member of another household: possibly registered twice',
 'REGISTRY', 'members_in_other_households > 0', 3, false, true, 'system'),
('SHARED_PHONE', 12, '多户共用电话', 'One phone for several households',
 '同一联系电话登记在多个农户的成员名下，核实是否代领代办或虚报冒领（004:161）',
 'One phone number is given for members of several households: check that no one claims for others',
 'REGISTRY', 'households_sharing_phone >= shared_phone_households', 1, false, true, 'system');
