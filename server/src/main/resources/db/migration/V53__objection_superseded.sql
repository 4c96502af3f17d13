-- An upheld objection ends its publicity: the subject's other objections still open are closed with it (SUPERSEDED), so
-- that a publicity begun again is not held back by objections to the one that ended.
alter table objection drop constraint objection_resolution_check;
alter table objection alter column resolution type varchar(12);
alter table objection add constraint objection_resolution_check
    check (resolution in ('UPHELD', 'DISMISSED', 'SUPERSEDED'));
