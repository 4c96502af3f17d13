package org.fangpin.casework;

import java.time.ZoneId;
import org.fangpin.common.jdbc.Zones;

/**
 * Case work's plans, measures, visits and cases as SQL relations that ledgers (台账, in reporting) select from, so
 * that case work's tables stay its own. Each is a complete {@code select} to be used as a subquery, joined to the
 * registry's households (whose village the region filter reads).
 */
public final class CaseworkLedgers {

    private CaseworkLedgers() {}

    /**
     * One row per measure of a plan: {@code measure_id, household_id, measure_type,
     * measure_name_zh, measure_name_en, cause, department, description, planned_start, planned_end, actual_start,
     * actual_end, amount, status, evidence, responsible_name}.
     */
    public static final String MEASURES = """
            select m.id as measure_id, m.household_id, m.measure_type,
                   t.name_zh as measure_name_zh, t.name_en as measure_name_en, m.cause, m.department, m.description,
                   m.planned_start, m.planned_end, m.actual_start, m.actual_end, m.amount, m.status, m.evidence,
                   p.responsible_name
            from assistance_measure m
            join assistance_plan p on p.household_id = m.household_id
            join measure_type t on t.code = m.measure_type""";

    /**
     * The measures households have had by the day {@code :d} (statistics by measure type): {@code household_id,
     * measure_type} of each measure not cancelled that started (or was planned to start) by then. A measure cancelled
     * later leaves the live figures of earlier days; month ends keep what their snapshot froze.
     */
    public static final String MEASURES_TAKEN = """
            select m.household_id, m.measure_type
            from assistance_measure m
            where m.status <> 'CANCELLED' and coalesce(m.actual_start, m.planned_start) <= :d""";

    /**
     * One row per case (识别 or 消除): {@code case_id, household_id, village_code, kind, opened_at} (the instant;
     * filter on it to use the index), {@code opened_on} (its day in the platform's zone), {@code deadline, closed_on,
     * stage, discovered_on, channel}.
     */
    public static String cases(ZoneId zoneId) {
        return """
                select c.id as case_id, c.household_id, c.village_code, c.kind, c.opened_at,
                       (c.opened_at at time zone '%s')::date as opened_on, c.deadline, c.closed_on, c.stage,
                       c.discovered_on, c.channel
                from case_file c""".formatted(Zones.sqlName(zoneId));
    }

    /**
     * Per household with a plan: {@code household_id, responsible_name, measures} (not cancelled), {@code
     * measures_done, amount} (of measures not cancelled), {@code last_visit}.
     */
    public static final String PLANS = """
            select p.household_id, p.responsible_name,
                   (select count(*) from assistance_measure m
                    where m.household_id = p.household_id and m.status <> 'CANCELLED') as measures,
                   (select count(*) from assistance_measure m
                    where m.household_id = p.household_id and m.status = 'DONE') as measures_done,
                   (select sum(m.amount) from assistance_measure m
                    where m.household_id = p.household_id and m.status <> 'CANCELLED') as amount,
                   (select max(v.visited_on) from followup_visit v where v.household_id = p.household_id) as last_visit
            from assistance_plan p""";

    /**
     * Per household with a plan started by the day {@code :asOf}, as it stood then: {@code household_id, started_on,
     * visit_interval_days, measures} (not cancelled, started or planned to start by then) and {@code last_visit} (the
     * latest visit on or before it; null when none).
     */
    public static final String PLANS_AS_OF = """
            select p.household_id, p.started_on, p.visit_interval_days,
                   (select count(*) from assistance_measure m
                    where m.household_id = p.household_id and m.status <> 'CANCELLED'
                      and coalesce(m.actual_start, m.planned_start) <= :asOf) as measures,
                   (select max(v.visited_on) from followup_visit v
                    where v.household_id = p.household_id and v.visited_on <= :asOf) as last_visit
            from assistance_plan p
            where p.started_on <= :asOf""";

    /**
     * A lateral subquery: the household's latest measure of one type that is not cancelled, {@code status,
     * planned_end, actual_end}, and {@code amount} of all such measures (null when it has none). {@code household}
     * names the outer column; {@code type} is a {@code measure_type} code.
     */
    public static String latestMeasure(String household, String type) {
        if (!type.matches("[A-Z][A-Z0-9_]{1,31}") || !household.matches("[a-z_.]+")) {
            throw new IllegalArgumentException(type);
        }
        return """
                select m.status, m.planned_end, m.actual_end,
                       sum(m.amount) over () as amount
                from assistance_measure m
                where m.household_id = %s and m.measure_type = '%s' and m.status <> 'CANCELLED'
                order by m.planned_start desc, m.id desc
                limit 1""".formatted(household, type);
    }

    /**
     * One row per follow-up visit: {@code visit_id, household_id, visited_on, visitor,
     * income_stable, needs_secured, notes, responsible_name}.
     */
    public static final String VISITS = """
            select v.id as visit_id, v.household_id, v.visited_on, v.visitor,
                   v.income_stable, v.needs_secured, v.notes, p.responsible_name
            from followup_visit v
            join assistance_plan p on p.household_id = v.household_id""";

    /**
     * The identification case opened from each alert: {@code alert_id, case_id, case_stage, case_category,
     * case_closed_on}.
     */
    public static final String CASES_BY_ALERT = """
            select c.alert_id, c.id as case_id, c.stage as case_stage, c.category as case_category,
                   c.closed_on as case_closed_on
            from case_file c
            where c.alert_id is not null""";
}
