-- Tamper-evident audit log: append-only (the database refuses updates, deletes and truncation) and hash-chained
-- (each row's hash covers the previous row's hash and its own content), so `fangpin audit verify` finds any
-- altered, removed or reordered entry.
create table audit_log (
    seq         bigint generated always as identity primary key,
    at          timestamptz not null default clock_timestamp(),
    actor       text        not null,
    client_ip   text,
    action      varchar(32) not null,
    entity      varchar(32),
    entity_id   text,
    detail      jsonb,
    prev_hash   bytea       not null,
    hash        bytea       not null
);
create index audit_log_actor on audit_log (actor, at);
create index audit_log_entity on audit_log (entity, entity_id, at);

-- The content a row's hash covers; timestamps as epoch microseconds so the session time zone cannot change it.
create function audit_content(a audit_log) returns bytea language sql immutable as $$
    select convert_to(concat_ws('|', a.seq, (extract(epoch from a.at) * 1000000)::bigint, a.actor,
                                coalesce(a.client_ip, ''), a.action, coalesce(a.entity, ''),
                                coalesce(a.entity_id, ''), coalesce(a.detail::text, '')), 'UTF8')
$$;

create function audit_chain() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    -- one writer at a time extends the chain
    perform pg_advisory_xact_lock(7270010);
    select hash into previous from audit_log order by seq desc limit 1;
    new.prev_hash := coalesce(previous, '\x00'::bytea);
    new.hash := sha256(new.prev_hash || audit_content(new));
    return new;
end $$;

create function audit_refuse() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only (% refused)', tg_op;
end $$;

create trigger audit_chain before insert on audit_log for each row execute function audit_chain();
create trigger audit_no_change before update or delete on audit_log for each row execute function audit_refuse();
create trigger audit_no_truncate before truncate on audit_log for each statement execute function audit_refuse();
