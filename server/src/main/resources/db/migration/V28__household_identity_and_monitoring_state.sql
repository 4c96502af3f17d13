-- Who a household is and its monitoring state become two dimensions (ADR 0014). The one status column held 脱贫户,
-- 监测对象, 风险已消除 and 一般农户, so an inclusion erased that a household was a 脱贫户. Every version of every
-- household is rewritten in one pass, so "as of" reads before this migration give the same households in the new
-- terms.
alter table household
    add column identity         varchar(16),
    add column identity_flags   text[] not null default '{}',
    add column monitoring_state varchar(16),
    add column monitoring_since date,
    add column eliminated_on    date,
    add column elimination_kind varchar(16);

-- Who the household is. A version registered 脱贫户 or 一般农户, or one with an exit year, says so itself (an edit from
-- 脱贫户 to 一般农户 is a correction and stays one); a monitored or eliminated version without an exit year is what
-- the latest such version before it said (the platform kept the exit year through inclusion and elimination), and
-- 一般农户 when there is none.
--
-- The monitoring state's dates: a run of versions in one state starts where the state changes. 纳入监测日期 is where
-- the latest run of 监测对象 versions began (an eliminated household keeps it, and its category); 风险消除日期 where
-- the run of 风险已消除 versions began. Every elimination made on the platform followed monitoring through an
-- elimination case, so it is 帮扶后消除; one registered as eliminated with nothing before has no known kind.
with v as (
    select household_id, version, valid_from, status, exit_year, monitoring_category,
           (status in ('EXITED', 'ORDINARY') or exit_year is not null) as says_who,
           status is distinct from lag(status) over w as starts
    from household
    window w as (partition by household_id order by version)
),
g as (
    select v.*,
           count(*) filter (where says_who) over w as who_group,
           max(case when starts and status = 'MONITORED' then valid_from end) over w as since,
           max(case when starts and status = 'ELIMINATED' then valid_from end) over w as eliminated,
           max(case when status = 'MONITORED' then version end) over w as last_monitored_version
    from v
    window w as (partition by household_id order by version)
),
r as (
    select g.*,
           first_value(case when status = 'EXITED' or exit_year is not null then 'EXITED' else 'ORDINARY' end)
               over (partition by household_id, who_group order by version) as who,
           first_value(exit_year) over (partition by household_id, who_group order by version) as who_exit_year
    from g
)
update household h
set identity = case when r.who_group = 0 then 'ORDINARY' else r.who end,
    exit_year = case when r.who_group > 0 and r.who = 'EXITED' then coalesce(h.exit_year, r.who_exit_year) end,
    monitoring_state = case h.status when 'MONITORED' then 'MONITORED' when 'ELIMINATED' then 'ELIMINATED'
                                     else 'NONE' end,
    monitoring_since = case when h.status in ('MONITORED', 'ELIMINATED') then r.since end,
    eliminated_on = case when h.status = 'ELIMINATED' then r.eliminated end,
    elimination_kind = case when h.status = 'ELIMINATED' and r.last_monitored_version is not null
                            then 'ASSISTED' end
from r
where r.household_id = h.household_id and r.version = h.version;

-- the old column goes with its check (category only when monitored): an eliminated household keeps the category of
-- its latest monitored version (a few rows; the rest were rewritten once above)
alter table household drop column status;

update household h
set monitoring_category = p.monitoring_category
from household p
where h.monitoring_state = 'ELIMINATED'
  and p.household_id = h.household_id
  and p.version = (select max(q.version) from household q
                   where q.household_id = h.household_id and q.version < h.version
                     and q.monitoring_state = 'MONITORED');

alter table household
    alter column identity set not null,
    alter column monitoring_state set not null,
    add constraint household_identity check (identity in ('EXITED', 'ORDINARY')),
    -- a 一般农户 has no exit year; the platform asks every 脱贫户 for one (records from before may lack it)
    add constraint household_exit_year check (identity = 'EXITED' or exit_year is null),
    add constraint household_monitoring_state check (monitoring_state in ('NONE', 'MONITORED', 'ELIMINATED')),
    add constraint household_monitored
        check (monitoring_state <> 'MONITORED' or (monitoring_category is not null and monitoring_since is not null)),
    add constraint household_not_monitored
        check (monitoring_state <> 'NONE' or (monitoring_category is null and monitoring_since is null)),
    add constraint household_eliminated check ((monitoring_state = 'ELIMINATED') = (eliminated_on is not null)),
    add constraint household_eliminated_after_inclusion
        check (eliminated_on is null or monitoring_since is null or eliminated_on >= monitoring_since),
    add constraint household_elimination_kind
        check (elimination_kind is null or (monitoring_state = 'ELIMINATED'
                                            and elimination_kind in ('ASSISTED', 'NATURAL')));
