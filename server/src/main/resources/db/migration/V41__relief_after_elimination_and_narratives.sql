-- Two refinements of issue 21: a review-only data-quality check, and the narrative beside a county's scorecard.

-- 风险消除后仍有临时救助: legitimate under 四个不摘 (003:25) — help does not stop when the risk is called eliminated —
-- so the check only asks the village to look (review only, no weight in the score): a household whose risk was called
-- eliminated and that received temporary relief within the window after it may be at risk again.
insert into parameter_definition (key, name_zh, name_en, unit, description) values
('post_elimination_review_days', '风险消除后复核天数', 'Days after an elimination to review relief', 'DAYS',
 '风险消除后此天数内仍领取临时救助的户列入复核');
insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by) values
('post_elimination_review_days', null, '2021-01-01', 180, '常用口径（待核实）：消除后半年内', 'system');
insert into quality_check (code, ordinal, name_zh, name_en, description_zh, description_en, source, condition, weight,
                           review_only, active, updated_by) values
('RELIEF_AFTER_ELIMINATION', 9, '风险消除后仍领临时救助', 'Temporary relief after elimination',
 '风险已消除的户在消除后的复核期内又领取临时救助，可能再次面临风险，请入户复核（四个不摘下属正常帮扶，仅供复核，003:25）',
 'A household whose risk was called eliminated received temporary relief within the review window after it: it may be at risk again (legitimate help under 四个不摘; for review only)',
 'LAKE', 'monitoring_state = ''ELIMINATED'' and days_relief_after_elimination <= post_elimination_review_days', 0,
 true, true, 'system');

-- 定性分析: the organiser's narrative beside a county's figures (004:595: 定量评估与定性分析相结合).
alter table assessment_plan_county
    add column narrative    text,
    add column narrative_by text,
    add column narrative_at timestamptz;
