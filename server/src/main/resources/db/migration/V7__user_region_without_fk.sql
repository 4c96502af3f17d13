-- A user's region is checked when the user is created; without a foreign key, retiring or re-importing a region
-- never blocks on user rows (a user whose region is gone simply sees no data).
alter table app_user drop constraint app_user_region_code_fkey;
