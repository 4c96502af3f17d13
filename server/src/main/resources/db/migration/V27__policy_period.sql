-- Policy periods (政策时期) as effective-dated data: national, or a province's own (which wins while it runs). A run, an
-- alert, a case and a statistic say under which period they were decided; a province adds the next period without
-- code. valid_to is exclusive; null = open.
create table policy_period (
    id            bigserial primary key,
    code          varchar(32) not null check (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    province_code varchar(12) collate "C",
    name_zh       text not null,
    name_en       text not null,
    valid_from    date not null,
    valid_to      date,
    source_note   text not null,
    description   text,
    recorded_at   timestamptz not null default now(),
    recorded_by   text not null,
    check (valid_to is null or valid_to > valid_from)
);
create unique index policy_period_start on policy_period (coalesce(province_code, ''), valid_from);

insert into policy_period (code, province_code, name_zh, name_en, valid_from, valid_to, source_note, description,
                           recorded_by) values
('POVERTY_ALLEVIATION', null, '脱贫攻坚期', 'Poverty alleviation campaign', '2016-01-01', '2021-01-01',
 '中共中央 国务院关于打赢脱贫攻坚战的决定（2015年11月29日）：到2020年现行标准下农村贫困人口实现脱贫（seed 004）',
 '精准扶贫、精准脱贫；建档立卡，脱贫即出、返贫即入', 'system'),
('TRANSITION', null, '过渡期', 'Transition period', '2021-01-01', '2026-01-01',
 '中共中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见（2020年12月16日）：脱贫攻坚目标任务完成后设立5年过渡期（seed 003:13），过渡期内严格落实“四个不摘”（003:25）',
 '四个不摘；防止返贫动态监测和帮扶机制', 'system'),
('REGULAR', null, '常态化帮扶', 'Regular prevention and assistance', '2026-01-01', null,
 '中共中央 国务院关于实现巩固拓展脱贫攻坚成果同乡村振兴有效衔接的意见：过渡期后健全农村低收入人口常态化帮扶机制，对农村低保对象、特困人员、易返贫致贫人口和严重困难人口开展动态监测（seed 003:51—61）',
 '常态化防止返贫致贫；农村低收入人口分层分类帮扶', 'system');
