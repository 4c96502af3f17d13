-- 角色权限: which role may do what (security.Permission). Data, edited by administrators; the region data scope
-- applies on top. A permission a release introduces is granted to its default roles once (permission_seeded), so a
-- later change by an administrator is never undone by an upgrade.
create table role_permission (
    role       varchar(16) not null,
    permission varchar(32) not null,
    granted_by varchar(64) not null,
    granted_at timestamptz not null default now(),
    primary key (role, permission)
);

create table permission_seeded (
    permission varchar(32) primary key,
    seeded_at  timestamptz not null default now()
);

-- user administration: a version for optimistic locking (and for signed-in sessions to notice a change), who
-- changed the account last, and the last successful sign-in
alter table app_user
    add column version       int not null default 1,
    add column updated_at    timestamptz,
    add column updated_by    varchar(64),
    add column last_login_at timestamptz;
