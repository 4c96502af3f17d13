-- 动态清零 (issue 19): how long each eliminated household's risk lasted — the 纳入监测 date of the monitoring that an
-- elimination ended (null in snapshots frozen before this column, and when it was not recorded).
alter table stat_transition add column monitored_since date;

-- The cells rolled up to every level above the village (digits 2, 4, 6, 9: province, city, county, township), so that
-- a province's or a city's figures and a trend of month ends read a few hundred rows instead of a province's millions
-- of village cells. Written with the cells, in the same statement, and never changed.
create table stat_rollup (
    snapshot_id bigint      not null references stat_snapshot (id) on delete cascade,
    digits      smallint    not null check (digits in (2, 4, 6, 9)),
    region_code varchar(12) collate "C" not null,
    dimension   varchar(16) not null,
    identity    varchar(16) not null,
    state       varchar(16) not null,
    key         text        not null,
    households  bigint      not null,
    persons     bigint      not null
);
create index stat_rollup_lookup on stat_rollup (snapshot_id, dimension, digits, region_code);

-- snapshots frozen before this migration: their roll-ups, from their own cells (their figures do not change)
insert into stat_rollup (snapshot_id, digits, region_code, dimension, identity, state, key, households, persons)
select c.snapshot_id, d.digits, rpad(substr(c.village_code, 1, d.digits), 12, '0'), c.dimension, c.identity, c.state,
       c.key, sum(c.households), sum(c.persons)
from stat_cell c cross join (values (2), (4), (6), (9)) as d (digits)
group by 1, 2, 3, 4, 5, 6, 7;
