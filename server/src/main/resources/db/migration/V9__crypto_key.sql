-- Fingerprints of the field-encryption keys (and of the lookup key, id '#lookup') the data was written with, so a
-- start with different keys is refused before anything is written. A key is retired once no value uses it.
create table crypto_key (
    key_id      varchar(32) primary key,
    fingerprint varchar(16) not null,
    first_seen  timestamptz not null default now(),
    retired_at  timestamptz
);
