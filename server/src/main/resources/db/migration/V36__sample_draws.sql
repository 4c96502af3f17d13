-- 抽查: a sample of households drawn for field checks (assessment module, ADR 0022). A draw is kept as made: its
-- region, the day its frame stood, the seed, the sizes asked, the frame's fingerprint and who drew it; the households
-- drawn, each with its stratum and place. A redraw is a new draw.
create table sample_draw (
    id           bigserial primary key,
    region_code  varchar(12) collate "C" not null,
    as_of        date not null,
    seed         text not null,
    fraction     numeric(6, 4),
    minimum      int,
    per_stratum  int,
    frame_hash   char(64) not null,
    frame_size   int not null,
    strata       json not null,
    drawn_by     text not null,
    drawn_at     timestamptz not null default now(),
    check ((per_stratum is null) <> (fraction is null))
);
create index sample_draw_region on sample_draw (region_code, id desc);

create table sample_household (
    draw_id      bigint not null references sample_draw (id),
    household_id bigint not null,
    village_code varchar(12) collate "C" not null,
    stratum      text not null,
    rank         int not null,
    primary key (draw_id, household_id)
);

insert into parameter_definition (key, name_zh, name_en, unit, description) values
('sample_fraction', '抽查比例', 'Share of each stratum drawn', 'RATIO', '抽查时每层抽取的比例（向上取整）'),
('sample_min_per_stratum', '每层最少抽查户数', 'Fewest households drawn per stratum', 'COUNT',
 '按比例抽查时每层至少抽取的户数（不超过该层户数）');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('sample_fraction', null, '2021-01-01', 0.05, '默认值（种子文件未规定抽查比例，见 docs/domain/assessment-and-quality.md §2）', 'system'),
('sample_min_per_stratum', null, '2021-01-01', 5, '默认值（种子文件未规定，见 docs/domain/assessment-and-quality.md §2）', 'system');
