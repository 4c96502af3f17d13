-- 风险消除 (issue 7): an elimination case follows the same steps as identification and ends with the household's
-- risk eliminated (or not). A case now has a kind; a household still has at most one open case of any kind.
alter table case_file add column kind varchar(16) not null default 'IDENTIFICATION'
    check (kind in ('IDENTIFICATION', 'ELIMINATION'));

do $$
declare c record;
begin
    for c in select conname from pg_constraint
             where conrelid = 'case_file'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%stage%'
    loop
        execute format('alter table case_file drop constraint %I', c.conname);
    end loop;
end $$;

alter table case_file add constraint case_file_stage check (stage in ('VERIFICATION', 'COUNCIL', 'PUBLICITY',
    'TOWNSHIP_REVIEW', 'COUNTY_DECISION', 'INCLUDED', 'ELIMINATED', 'REJECTED'));
alter table case_file add constraint case_file_closed check
    ((closed_at is null) = (stage not in ('INCLUDED', 'ELIMINATED', 'REJECTED')));
alter table case_file drop constraint case_file_channel_check;
alter table case_file add constraint case_file_channel check
    (channel in ('APPLICATION', 'ALERT', 'CADRE_CHECK', 'PROPOSAL'));
