-- One rule for every relapse (返贫即入 for 脱贫户, eliminated and ordinary households alike): a confirmed risk opens an
-- identification case. A province may switch on 先帮扶后认定 from a date: the household is included at once and its
-- plan starts, while the case still goes through 核实、评议、公示、审核、审定 within the deadline; a rejection undoes
-- the inclusion. Off by default.
insert into parameter_definition (key, name_zh, name_en, unit, description) values
('fast_path', '先帮扶后认定', 'Assist first, decide after', 'FLAG',
 '1：风险核实属实即先纳入监测、启动帮扶，认定程序照常办完（未通过则撤销）；0：程序办完后纳入');

insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('fast_path', null, '2021-01-01', 0,
 '默认关闭：按“村申报、乡审核、县审定”程序认定后纳入；各省可按本省规定开启“先帮扶后认定”', 'system');
