-- 公示异议 for whatever is publicised (common.publicity): the case objections become the first kind of subject;
-- projects, their results and income distributions follow. Ids are kept (case steps name them).
alter table case_objection rename to objection;
alter table objection drop constraint case_objection_case_id_fkey;
alter table objection rename column case_id to subject_id;
alter table objection add column subject varchar(24) not null default 'CASE';
alter table objection alter column subject drop default;
alter table objection rename constraint case_objection_resolution_check to objection_resolution_check;
alter sequence case_objection_id_seq rename to objection_id_seq;
alter index case_objection_pkey rename to objection_pkey;
drop index case_objection_case;
create index objection_subject on objection (subject, subject_id, id);
