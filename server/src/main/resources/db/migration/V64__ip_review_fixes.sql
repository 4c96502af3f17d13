-- A patent number is unique within its university (two universities may each record a jointly owned patent), and
-- a one-character title, name or counterparty is what the application accepts.
alter table ip_patent drop constraint ip_patent_number_key;
alter table ip_patent add constraint ip_patent_university_number unique (university_id, number);
alter table ip_disclosure drop constraint ip_disclosure_title_check;
alter table ip_disclosure add constraint ip_disclosure_title_check check (length(title) between 1 and 300);
alter table ip_transaction drop constraint ip_transaction_counterparty_check;
alter table ip_transaction add constraint ip_transaction_counterparty_check
    check (length(counterparty) between 1 and 200);
alter table ip_university drop constraint ip_university_name_check;
alter table ip_university add constraint ip_university_name_check check (length(name) between 1 and 100);
