-- 涉密知悉 (issue 25; 000:88): which of a university's office users may read its classified results; the others see a
-- classified result's title masked and cannot open its disclosure. Accounts that existed before keep what they could
-- read (cleared); an account created from now on is not cleared unless the administrator says so.
alter table ip_university_user add column cleared boolean not null default false;
update ip_university_user set cleared = true;
