package org.fangpin.monitoring;

import java.time.ZoneId;
import org.fangpin.common.jdbc.Zones;

/**
 * Monitoring's alerts as an SQL relation that ledgers (台账, in reporting) select from, so that monitoring's tables
 * stay its own. A complete {@code select} to be used as a subquery, filtered by region outside.
 */
public final class MonitoringLedgers {

    private MonitoringLedgers() {}

    /**
     * What happened to alerts, one row per alert and event: {@code alert_id, household_id, village_code, event, at}
     * (the instant; filter on it to use the indexes) {@code on_date} (its day in the platform's zone), where {@code
     * event} is {@code RAISED} (the alert's creation), {@code
     * CONFIRMED} or {@code DISMISSED} (核实: the risk found real or not) or {@code HANDED} (移交 to case work). Rows are
     * never changed afterwards, so the counts of a past span stay as they were; an alert only moves forward, so it has at most
     * one row per event.
     */
    public static String alertEvents(ZoneId zoneId) {
        String zone = Zones.sqlName(zoneId);
        return """
                select a.id as alert_id, a.household_id, a.village_code, 'RAISED' as event, a.created_at as at,
                       (a.created_at at time zone '%1$s')::date as on_date
                from alert a
                union all
                select a.id, a.household_id, a.village_code, e.to_status, e.at, (e.at at time zone '%1$s')::date
                from alert_event e join alert a on a.id = e.alert_id
                where e.to_status in ('CONFIRMED', 'DISMISSED', 'HANDED')""".formatted(zone);
    }

    /**
     * One row per alert: {@code alert_id, household_id, household_no, village_code, raised_on} (the day it was
     * raised, in the platform's zone), {@code status, severity, suggested_category, causes, rule_names_zh, rule_names_en}
     * (the rules that fired, named as in the rule set the run used; codes for alerts stored before rule sets were
     * recorded), {@code assigned_to, decided_by, decided_on, note, handed_on}.
     */
    public static String alerts(ZoneId zoneId) {
        String zone = Zones.sqlName(zoneId);
        return """
                select a.id as alert_id, a.household_id, a.household_no, a.village_code,
                       (a.created_at at time zone '%1$s')::date as raised_on, a.status, a.severity,
                       a.suggested_category, a.causes,
                       coalesce(nullif(array(select d.name_zh from rule_definition d
                                             where d.rule_set_id = (a.explanation -> 'ruleSet' ->> 'id')::uuid
                                               and d.code = any (a.rules) order by d.ordinal), '{}'), a.rules)
                           as rule_names_zh,
                       coalesce(nullif(array(select d.name_en from rule_definition d
                                             where d.rule_set_id = (a.explanation -> 'ruleSet' ->> 'id')::uuid
                                               and d.code = any (a.rules) order by d.ordinal), '{}'), a.rules)
                           as rule_names_en,
                       a.assigned_to, a.decided_by, (a.decided_at at time zone '%1$s')::date as decided_on, a.note,
                       (a.handed_at at time zone '%1$s')::date as handed_on
                from alert a""".formatted(zone);
    }
}
