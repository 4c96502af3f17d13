-- 科技帮扶 as a partnership's delivery (issue 25; 004:169, 003:67): a helping unit that is a university is linked to
-- the university's IP records, and a 科技成果转化 delivery names the deal (转让 or 许可 to an enterprise, cooperative
-- or village of the tree) it books — each deal once, unless withdrawn.

alter table assist_unit add column university_id bigint unique references ip_university (id);

alter table partnership_delivery add column ip_deal_id bigint references ip_transaction (id);
create unique index partnership_delivery_ip_deal on partnership_delivery (ip_deal_id)
    where ip_deal_id is not null and withdrawn_at is null;

-- a project is 援建 once per partnership; a 科技成果转化 may name the project that puts it to use besides
drop index partnership_delivery_project;
create unique index partnership_delivery_project on partnership_delivery (partnership_id, project_id)
    where project_id is not null and withdrawn_at is null and item = 'PROJECTS';
