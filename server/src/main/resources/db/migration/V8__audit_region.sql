-- Audit entries name the region they concern, so inspectors can search their own region's entries only.
-- concat_ws skips NULLs: entries written before this column (region NULL) keep their hashes.
alter table audit_log add column region_code varchar(12) collate "C";
create index audit_log_region on audit_log (region_code, seq);

create or replace function audit_content(a audit_log) returns bytea language sql immutable as $$
    select convert_to(concat_ws('|', a.seq, (extract(epoch from a.at) * 1000000)::bigint, a.actor,
                                coalesce(a.client_ip, ''), a.action, coalesce(a.entity, ''),
                                coalesce(a.entity_id, ''), coalesce(a.detail::text, ''), a.region_code), 'UTF8')
$$;
