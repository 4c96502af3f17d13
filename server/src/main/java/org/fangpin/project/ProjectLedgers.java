package org.fangpin.project;

import org.fangpin.registry.RegistryLedgers;

/**
 * Projects, funds and assets as SQL relations that the standard ledgers (台账, in reporting) select from, so that
 * this module's tables stay its own. Each is a complete {@code select} with a {@code village_code} (the region a row
 * belongs to: a village, or a township or county for what is theirs) and a {@code household_id} (null when the row
 * is no household's); a caller filters by region outside it. {@code :today} is bound by the caller.
 */
public final class ProjectLedgers {

    private ProjectLedgers() {}

    /**
     * 资产明细台账: one row per asset — {@code asset_id, asset_no, name, class, subtype, origin, place, scale, value,
     * formed_on, title_level, holder, operator, custodian, custodian_person, status, status_on, projects} (the source
     * projects' numbers) {@code , sources} (fund source codes) {@code , income_year} (income received in the year of
     * {@code :today}) {@code , income_total, disposal_kind, disposed_on, proceeds}.
     */
    public static final String ASSETS = """
            select a.id as asset_id, a.region_code as village_code, a.holder_household_id as household_id, a.asset_no,
                   a.name, a.class, a.subtype, a.origin, a.place, a.scale, a.value, a.formed_on, a.title_level,
                   a.holder, a.operator, a.custodian, a.custodian_person, a.status, a.status_on,
                   s.projects, s.sources, coalesce(i.income_year, 0) as income_year,
                   coalesce(i.income_total, 0) as income_total, d.kind as disposal_kind, d.disposed_on, d.proceeds
            from asset a
            left join (
                select x.asset_id, string_agg(distinct p.project_no, '、') as projects,
                       array_agg(distinct x.source) as sources
                from asset_source x left join project p on p.id = x.project_id
                group by x.asset_id) s on s.asset_id = a.id
            left join (
                select n.asset_id,
                       sum(n.amount) filter (where extract(year from n.received_on)
                                                   = extract(year from cast(:today as date))) as income_year,
                       sum(n.amount) as income_total
                from asset_income n group by n.asset_id) i on i.asset_id = a.id
            left join (
                select distinct on (x.asset_id) x.asset_id, x.kind, x.disposed_on, x.proceeds from asset_disposal x
                where x.stage = 'DONE' order by x.asset_id, x.id desc) d on d.asset_id = a.id""";

    /**
     * 资产公示表: what a village publicises of its assets — {@code asset_id, asset_no, name, class, place, scale, value,
     * formed_on, title_level, holder} (a household's name masked but its first character) {@code , operator,
     * custodian, status, income_year}; no household link.
     */
    public static final String ASSET_PUBLICITY = """
            select a.asset_id, a.village_code, null::bigint as household_id, a.asset_no, a.name, a.class, a.place,
                   a.scale, a.value, a.formed_on, a.title_level,
                   case when a.title_level = 'HOUSEHOLD'
                        then left(a.holder, 1) || repeat('*', greatest(char_length(a.holder) - 1, 1))
                        else a.holder end as holder,
                   case when a.title_level = 'HOUSEHOLD' then null else coalesce(a.operator, a.custodian) end
                       as operator, a.status, a.income_year
            from (%s) a""".formatted(ASSETS);

    /**
     * 资产总账: one row per township (its code as {@code village_code}; a county's own assets under the county's
     * code) and class — {@code class, assets, value, in_use, idle, damaged, disposed, income_total}; summed from the
     * assets themselves, not from the detail ledger, so that the two can be checked against each other.
     */
    public static final String ASSET_TOTALS = """
            select left(a.region_code, 9) || '000' as village_code, null::bigint as household_id, a.class,
                   count(*) as assets, sum(a.value) as value,
                   count(*) filter (where a.status = 'IN_USE') as in_use,
                   count(*) filter (where a.status = 'IDLE') as idle,
                   count(*) filter (where a.status = 'DAMAGED') as damaged,
                   count(*) filter (where a.status = 'DISPOSED') as disposed,
                   coalesce(sum(n.income), 0) as income_total
            from asset a
            left join (select asset_id, sum(amount) as income from asset_income group by asset_id) n
                   on n.asset_id = a.id
            group by 1, a.class""";

    /**
     * 项目库台账: one row per project — {@code project_id, project_no, year, name, type, subtype, place, content,
     * department, implementer, responsible, benefit_links, planned_households, planned_persons,
     * planned_poor_households, budget, stage, decision_no, decided_on, publicity_from, publicity_to, approval_no,
     * approved_on, completed_on, accepted_on, progress, final_cost, paid}.
     */
    public static final String PROJECTS = """
            select p.id as project_id, p.region_code as village_code, null::bigint as household_id, p.project_no,
                   p.year, p.name, p.type, p.subtype, p.place, p.content, p.department, p.implementer, p.responsible,
                   p.benefit_links, p.planned_households, p.planned_persons, p.planned_poor_households,
                   (select sum(b.amount) from project_budget b where b.project_id = p.id) as budget, p.stage,
                   p.decision_no, p.decided_on, p.publicity_from, p.publicity_to, p.approval_no, p.approved_on,
                   p.completed_on, p.accepted_on, p.progress, p.final_cost,
                   coalesce((select sum(d.amount) from disbursement d join funding_line l on l.id = d.line_id
                             where l.project_id = p.id), 0) as paid
            from project p""";

    /**
     * 公告公示台账: every publicity as it was started, from the timelines — a project's listing and its results, an
     * income distribution's plan (one sent back and made again is publicised again, and both are listed) — {@code
     * kind} ({@link PublicityKind}) {@code , ref_no, title, from_day, to_day, days, place, objections,
     * open_objections, upheld}: the objections recorded while it was the subject's latest publicity (from its step
     * until the next one's).
     */
    public static final String PUBLICITIES = """
            select x.*, x.to_day - x.from_day + 1 as days,
                   (select count(*) from objection o where o.subject = x.subject and o.subject_id = x.subject_id
                        and o.recorded_at >= x.began and (x.ended is null or o.recorded_at < x.ended))
                       as objections,
                   (select count(*) from objection o where o.subject = x.subject and o.subject_id = x.subject_id
                        and o.recorded_at >= x.began and (x.ended is null or o.recorded_at < x.ended)
                        and o.resolution is null) as open_objections,
                   (select count(*) from objection o where o.subject = x.subject and o.subject_id = x.subject_id
                        and o.recorded_at >= x.began and (x.ended is null or o.recorded_at < x.ended)
                        and o.resolution = 'UPHELD') as upheld
            from (
                select y.*, lead(y.began) over (partition by y.subject, y.subject_id order by y.step_id) as ended
                from (
                    select s.id as step_id, s.at as began,
                           case s.action when 'DECIDED' then 'PROJECT_LISTING' else 'PROJECT_RESULT' end as kind,
                           case s.action when 'DECIDED' then 'PROJECT' else 'PROJECT_RESULT' end as subject,
                           p.id as subject_id, p.region_code as village_code, null::bigint as household_id,
                           p.project_no as ref_no, p.name as title, (s.details ->> 'publicityFrom')::date as from_day,
                           (s.details ->> 'publicityTo')::date as to_day,
                           case s.action when 'DECIDED' then p.publicity_place end as place
                    from project_step s join project p on p.id = s.project_id
                    where s.action in ('DECIDED', 'ACCEPTED')
                    union all
                    select s.id, s.at, 'DISTRIBUTION', 'DISTRIBUTION', i.id, a.region_code, null, a.asset_no,
                           a.name || ' ' || i.period_from || '—' || i.period_to,
                           (s.details ->> 'publicityFrom')::date, (s.details ->> 'publicityTo')::date,
                           i.publicity_place
                    from asset_step s
                    join asset a on a.id = s.asset_id
                    join asset_income i on i.id = (s.details ->> 'income')::bigint
                    where s.action = 'PLANNED'
                ) y
            ) x""";

    /**
     * The households projects and assets reach: {@code household_id} of each listed as a beneficiary of a project not
     * refused or sent back, paid from a project (a payment not reversed), owning an asset, holding a share of one, or
     * paid part of an asset's income (once each).
     */
    public static final String REACHED = """
            select b.household_id from project_beneficiary b join project p on p.id = b.project_id
            where p.stage not in ('REJECTED', 'RETURNED')
            union select d.household_id from disbursement d
            where d.household_id is not null and d.amount > 0
              and not exists (select 1 from disbursement r where r.reverses = d.id)
            union select holder_household_id from asset where holder_household_id is not null
            union select household_id from asset_share where household_id is not null and valid_to is null
            union select r.household_id from distribution_row r join asset_income i on i.id = r.income_id
            where r.household_id is not null and i.stage = 'PAID'""";

    /**
     * 资金支出台账: one row per payment and reversal — {@code payment_id, document_no, source, issued_on, project_no,
     * project_name, paid_on, payee_kind, payee_name, amount, voucher_no, one_card, labour, reverses} (the number of
     * the payment a reversal cancels).
     */
    public static final String SPENDING = """
            select d.id as payment_id, p.region_code as village_code, d.household_id, f.document_no, f.source,
                   f.issued_on, p.project_no, p.name as project_name, d.paid_on, d.payee_kind, d.payee_name,
                   d.amount, d.voucher_no, d.one_card, d.labour, d.reverses
            from disbursement d
            join funding_line l on l.id = d.line_id
            join fund_allocation f on f.id = l.allocation_id
            join project p on p.id = l.project_id""";

    /**
     * 收益分配台账: one row per row of a distribution plan — {@code row_id, asset_no, asset_name, period_from,
     * period_to, income, meeting_on, publicity_from, publicity_to, stage, use, household_no, head_name, monitored,
     * lost_labour, disabled} (as the plan found the household) {@code , amount, one_card, paid_on, note}.
     */
    public static final String DISTRIBUTIONS = """
            select r.id as row_id, a.region_code as village_code, r.household_id, a.asset_no, a.name as asset_name,
                   i.period_from, i.period_to, i.amount as income, i.meeting_on, i.publicity_from, i.publicity_to,
                   i.stage, r.use, m.household_no, m.head_name, r.monitored, r.lost_labour, r.disabled, r.amount,
                   r.one_card, i.paid_on, r.note
            from distribution_row r
            join asset_income i on i.id = r.income_id
            join asset a on a.id = i.asset_id
            left join (%s) m on m.household_id = r.household_id""".formatted(RegistryLedgers.MARKS);
}
