-- Throttling of failed logins and first-login password change.
alter table app_user
    add column failed_attempts     int         not null default 0,
    add column locked_until        timestamptz,
    add column password_changed_at timestamptz;
