-- An entry's number is taken under the chain's lock. It was taken (as the column's default) before the trigger
-- waited for the lock, so two concurrent writers could chain in the opposite order of their numbers, and `audit
-- verify` — which walks the chain in number order — reported an intact log as broken. Now numbers follow the chain:
-- the default's number is discarded (a gap, which verify allows) and a new one drawn once the lock is held, that is
-- after every earlier entry has committed.
create or replace function audit_chain() returns trigger language plpgsql as $$
declare
    previous bytea;
begin
    -- one writer at a time extends the chain
    perform pg_advisory_xact_lock(7270010);
    new.seq := nextval(pg_get_serial_sequence('audit_log', 'seq'));
    select hash into previous from audit_log order by seq desc limit 1;
    new.prev_hash := coalesce(previous, '\x00'::bytea);
    new.hash := sha256(new.prev_hash || audit_content(new));
    return new;
end $$;
