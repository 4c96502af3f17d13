-- Statistics of alerts and cases per period (issue 19) read them by time: a month's are found by index, not by
-- reading every alert of the installation.
create index alert_created_at on alert (created_at);
create index alert_event_at on alert_event (at);
create index case_file_opened_at on case_file (opened_at);
create index case_file_closed_on on case_file (closed_on) where closed_on is not null;
-- the first day of the registry's history: a trend's month ends before it hold nothing and are not frozen
create index household_valid_from on household (valid_from);
