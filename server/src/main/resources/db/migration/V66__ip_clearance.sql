-- 涉密知悉 (issue 25; 000:88): which of a university's office users may read its classified results; the others see a
-- classified result's title masked and cannot open its disclosure.
alter table ip_university_user add column cleared boolean not null default false;
