-- An assistance measure may name the project it comes from (产业帮扶 paid by a project, a 公益岗位 of one; issue 22).
alter table assistance_measure add column project_id bigint references project (id);
create index assistance_measure_project on assistance_measure (project_id) where project_id is not null;
