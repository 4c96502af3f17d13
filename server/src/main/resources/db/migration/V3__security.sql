-- Users of the platform. Roles and region scope are enforced from issue 5 on; here: authentication.
create table app_user (
    username             varchar(64) primary key check (username ~ '^[A-Za-z0-9_.-]{2,64}$'),
    password_hash        text        not null,
    display_name         text        not null,
    role                 varchar(16) not null,
    region_code          varchar(12) collate "C" references region (code),
    enabled              boolean     not null default true,
    must_change_password boolean     not null default false,
    created_at           timestamptz not null default now()
);
