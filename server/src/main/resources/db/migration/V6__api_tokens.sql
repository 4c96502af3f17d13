-- API tokens for department systems and upper-level platforms. Only a SHA-256 of the token is stored (tokens are
-- 256-bit random, so a fast hash suffices); a token acts as its user, limited to its scopes.
create table api_token (
    id           bigint generated always as identity primary key,
    name         varchar(64) not null unique check (name ~ '^[A-Za-z0-9_.-]{2,64}$'),
    token_hash   bytea       not null unique,
    username     varchar(64) not null references app_user (username),
    scopes       text[]      not null check (scopes <@ array['read', 'write']::text[] and cardinality(scopes) > 0),
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
