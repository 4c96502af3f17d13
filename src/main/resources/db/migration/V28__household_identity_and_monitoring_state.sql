-- Who a household is and its monitoring state become two dimensions (ADR 0014). The one status column held 脱贫户,
-- 监测对象, 风险已消除 and 一般农户, so an inclusion erased that a household was a 脱贫户. Every version of every
-- household is rewritten, so "as of" reads before this migration give the same households in the new terms.
alter table household
    add column identity         varchar(16),
    add column identity_flags   text[] not null default '{}',
    add column monitoring_state varchar(16),
    add column monitoring_since date,
    add column eliminated_on    date,
    add column elimination_kind varchar(16);

-- identity: a 脱贫户 is one registered as such or with an exit year (the platform kept the exit year through inclusion
-- and elimination), in this version or any earlier one; its exit year is the latest one on record
with v as (
    select household_id, version,
           bool_or(status = 'EXITED' or exit_year is not null)
               over (partition by household_id order by version) as exited,
           max(exit_year) over (partition by household_id order by version) as known_exit_year
    from household
)
update household h
set identity = case when v.exited then 'EXITED' else 'ORDINARY' end,
    exit_year = case when v.exited then coalesce(h.exit_year, v.known_exit_year) end,
    monitoring_state = case h.status when 'MONITORED' then 'MONITORED' when 'ELIMINATED' then 'ELIMINATED'
                                     else 'NONE' end
from v
where v.household_id = h.household_id and v.version = h.version;

-- a 脱贫户 recorded as such without an exit year never passed the platform's checks; none is expected
do $$
begin
    if exists (select 1 from household where identity = 'EXITED' and exit_year is null) then
        raise exception 'a household recorded as 脱贫户 has no exit year';
    end if;
end $$;

-- the old column goes with its check (category only when monitored): an eliminated household keeps its category
alter table household drop column status;

-- dates and kind: a run of versions in one state starts where the state changes. 纳入监测日期 is where the latest
-- run of 监测对象 versions began (an eliminated household keeps it, and its category); 风险消除日期 where the run of
-- 风险已消除 versions began. Every elimination made on the platform followed monitoring through an elimination
-- case, so it is 帮扶后消除; one registered as eliminated with no monitoring on record has no known kind.
with runs as (
    select household_id, version, valid_from, monitoring_state, monitoring_category,
           monitoring_state is distinct from lag(monitoring_state)
               over (partition by household_id order by version) as starts
    from household
),
marked as (
    select household_id, version, monitoring_state,
           max(case when starts and monitoring_state = 'MONITORED' then valid_from end)
               over (partition by household_id order by version) as since,
           max(case when starts and monitoring_state = 'ELIMINATED' then valid_from end)
               over (partition by household_id order by version) as eliminated,
           max(case when monitoring_state = 'MONITORED' then version end)
               over (partition by household_id order by version) as last_monitored_version
    from runs
)
update household h
set monitoring_since = case when m.monitoring_state <> 'NONE' then m.since end,
    eliminated_on = case when m.monitoring_state = 'ELIMINATED' then m.eliminated end,
    elimination_kind = case when m.monitoring_state = 'ELIMINATED' and m.last_monitored_version is not null
                            then 'ASSISTED' end,
    monitoring_category = case
        when m.monitoring_state = 'MONITORED' then h.monitoring_category
        when m.monitoring_state = 'ELIMINATED' then (select p.monitoring_category from household p
                                                     where p.household_id = h.household_id
                                                       and p.version = m.last_monitored_version)
    end
from marked m
where m.household_id = h.household_id and m.version = h.version;

alter table household
    alter column identity set not null,
    alter column monitoring_state set not null,
    add constraint household_identity check (identity in ('EXITED', 'ORDINARY')),
    add constraint household_exit_year check ((identity = 'EXITED') = (exit_year is not null)),
    add constraint household_monitoring_state check (monitoring_state in ('NONE', 'MONITORED', 'ELIMINATED')),
    add constraint household_monitored
        check (monitoring_state <> 'MONITORED' or (monitoring_category is not null and monitoring_since is not null)),
    add constraint household_not_monitored
        check (monitoring_state <> 'NONE' or (monitoring_category is null and monitoring_since is null)),
    add constraint household_eliminated check ((monitoring_state = 'ELIMINATED') = (eliminated_on is not null)),
    add constraint household_elimination_kind
        check (elimination_kind is null or (monitoring_state = 'ELIMINATED'
                                            and elimination_kind in ('ASSISTED', 'NATURAL')));
