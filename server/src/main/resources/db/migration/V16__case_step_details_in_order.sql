-- A step's details are shown in the order the step recorded them (jsonb would sort the keys).
alter table case_step alter column details type json using details::json;
