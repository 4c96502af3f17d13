-- An alert's page links the case it opened or joined (issue 20): found by the alert, or among its household's cases,
-- by index rather than by reading every case.
create index case_file_alert on case_file (alert_id) where alert_id is not null;
create index case_file_household on case_file (household_id, id desc);
