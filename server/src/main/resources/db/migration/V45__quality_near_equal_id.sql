-- 一人多户 by near-equal ID numbers (issue 21): a member whose name is another household's member's and whose ID
-- number is one typing slip away from theirs — one of the first 17 digits wrong, or two adjacent ones swapped, the
-- check character recomputed. Compared in PostgreSQL on the digits the masked number and the birth date keep in clear;
-- no sealed number is opened.

-- Whether two digit strings of one length differ in exactly one place, or in two adjacent places swapped.
create function id_body_near(a text, b text) returns boolean
    language sql immutable parallel safe
as $$
    select case when length(a) <> length(b) then false else (
        select count(*) = 1
            or (count(*) = 2 and max(i) = min(i) + 1
                and substr(a, min(i), 1) = substr(b, max(i), 1) and substr(a, max(i), 1) = substr(b, min(i), 1))
        from generate_series(1, length(a)) i
        where substr(a, i, 1) <> substr(b, i, 1)) end
$$;

insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en, source, condition, weight,
                           review_only, active, updated_by) values
('NEAR_EQUAL_ID', 13, '同名且身份证号近似', 'Namesake with a near-equal ID number',
 '家庭成员与另一农户的成员同名，身份证号只差一处录入错误（一位错或相邻两位颠倒），出生日期或性别因此不同：可能同一人重复登记（卡内无硬伤，004:605）',
 'A member has the name of another household''s member and an ID number one typing slip from theirs (one digit wrong or two adjacent digits swapped), so the birth date or sex differs: possibly one person registered twice',
 'REGISTRY', 'members_with_near_id > 0', 3, false, true, 'system');
