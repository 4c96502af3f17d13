package org.fangpin.assessment;

import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.Labelled;
import org.fangpin.common.expression.RuleExpression.Type;
import org.fangpin.registry.RegistryLedgers;

/**
 * What an indicator counts in: rows of one county as they stood on the assessment's day ({@code :asOf}), some over
 * its period ({@code :from} to {@code :asOf}). Each row is one household ({@code household_id, village_code,
 * persons}) with the columns an indicator's filter and condition may name. Columns shadow policy parameters of the
 * same name (a plan's own {@code visit_interval_days} before the national one).
 */
public enum IndicatorPopulation implements Labelled {
    /** Every registered household of the county on the day, with its members then. */
    HOUSEHOLDS(
            "登记农户（考核日）",
            "Registered households on the day",
            columns(
                    "identity", Type.TEXT,
                    "monitoring_state", Type.TEXT,
                    "category", Type.TEXT,
                    "housing_grade", Type.TEXT,
                    "water_safe", Type.BOOLEAN,
                    "income_per_person", Type.NUMBER,
                    "dropouts", Type.NUMBER,
                    "uninsured", Type.NUMBER),
            Set.of("identity", "monitoring_state", "category")),
    /** Households monitored (风险未消除) on the day, with their plan as it stood then. */
    MONITORED(
            "监测对象（考核日）",
            "Monitored households on the day",
            columns(
                    "identity", Type.TEXT,
                    "category", Type.TEXT,
                    "months_monitored", Type.NUMBER,
                    "has_plan", Type.BOOLEAN,
                    "measures", Type.NUMBER,
                    "days_since_visit", Type.NUMBER,
                    "visit_interval_days", Type.NUMBER),
            Set.of("identity", "category")),
    /** Households at risk at some time in the period: monitored on the day, or eliminated within the period. */
    AT_RISK_IN_PERIOD(
            "期内监测对象（含期内消除）",
            "Households at risk in the period",
            columns(
                    "identity", Type.TEXT,
                    "category", Type.TEXT,
                    "eliminated", Type.BOOLEAN,
                    "months_monitored", Type.NUMBER,
                    "risk_age", Type.TEXT),
            Set.of("identity", "category", "risk_age")),
    /** Identification cases decided in the period, and those still undecided past their deadline on the day. */
    CASES(
            "识别认定案件（期内审定或逾期未审定）",
            "Identification cases decided in the period or overdue",
            columns(
                    "decided", Type.BOOLEAN,
                    "included", Type.BOOLEAN,
                    "days_to_decision", Type.NUMBER,
                    "deadline_days", Type.NUMBER,
                    "channel", Type.TEXT),
            Set.of("channel")),
    /** Drawn households checked in the field in the period (the latest check of each). */
    CHECKED(
            "实地核查农户（期内）",
            "Households checked in the field in the period",
            columns(
                    "frame_state", Type.TEXT,
                    "identity", Type.TEXT,
                    "verdict", Type.TEXT,
                    "recognised", Type.BOOLEAN,
                    "food_clothing", Type.BOOLEAN,
                    "education", Type.BOOLEAN,
                    "medical", Type.BOOLEAN,
                    "housing", Type.BOOLEAN,
                    "water", Type.BOOLEAN),
            Set.of("frame_state", "identity", "verdict")),
    /**
     * Households monitored (风险未消除) or 脱贫 on the day, and whether a helper (帮扶责任人) was paired with each then.
     * Its rows are the pairing module's ({@link PopulationRows}).
     */
    PAIRING(
            "监测对象和脱贫户的结对（考核日）",
            "Monitored and exited households' helpers on the day",
            columns(
                    "identity", Type.TEXT,
                    "monitoring_state", Type.TEXT,
                    "category", Type.TEXT,
                    "paired", Type.BOOLEAN,
                    "days_paired", Type.NUMBER),
            Set.of("identity", "monitoring_state", "category"));

    private final String zh;
    private final String en;
    private final Map<String, Type> columns;
    private final Set<String> groupable;

    IndicatorPopulation(String zh, String en, Map<String, Type> columns, Set<String> groupable) {
        this.zh = zh;
        this.en = en;
        this.columns = columns;
        this.groupable = groupable;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }

    /** The columns a filter or condition may name, in order, with their types. */
    public Map<String, Type> columns() {
        return columns;
    }

    /** The text columns an indicator may break its figure down by. */
    public Set<String> groupable() {
        return groupable;
    }

    /** Whether another module supplies the rows ({@link PopulationRows}) rather than {@link #sql}. */
    boolean keptElsewhere() {
        return this == PAIRING;
    }

    /**
     * The rows, as one {@code select}: {@code household_id, village_code, persons} and the columns. Binds {@code
     * :low, :high} (the county's village codes), {@code :from} and {@code :asOf}; days are counted in {@code zone}.
     * Not for a population {@linkplain #keptElsewhere kept elsewhere}.
     */
    String sql(ZoneId zone) {
        return switch (this) {
            case HOUSEHOLDS -> """
                    select h.household_id, h.village_code, h.members as persons, h.identity, h.monitoring_state,
                           h.monitoring_category as category, h.housing_grade, h.water_safe,
                           h.per_capita_income as income_per_person, h.dropouts, h.uninsured
                    from (%s) h""".formatted(RegistryLedgers.AS_OF);
            case MONITORED ->
                """
                    select h.household_id, h.village_code, h.members as persons, h.identity,
                           h.monitoring_category as category,
                           %2$s as months_monitored,
                           p.household_id is not null as has_plan, coalesce(p.measures, 0) as measures,
                           cast(:asOf as date) - coalesce(p.last_visit, p.started_on, h.monitoring_since)
                               as days_since_visit,
                           p.visit_interval_days
                    from (%1$s) h
                    left join (%3$s) p on p.household_id = h.household_id
                    where h.monitoring_state = 'MONITORED'""".formatted(
                                RegistryLedgers.AS_OF,
                                months("h.monitoring_since", "cast(:asOf as date)"),
                                CaseworkLedgers.PLANS_AS_OF);
            case AT_RISK_IN_PERIOD ->
                """
                    select h.household_id, h.village_code, h.members as persons, h.identity,
                           h.monitoring_category as category, h.monitoring_state = 'ELIMINATED' as eliminated,
                           %2$s as months_monitored,
                           case when h.monitoring_since is null or h.monitoring_since > :asOf then 'UNKNOWN'
                                when %2$s < 3 then '0-3' when %2$s < 6 then '3-6' when %2$s < 12 then '6-12'
                                else '12+' end as risk_age
                    from (%1$s) h
                    where h.monitoring_state = 'MONITORED'
                       or (h.monitoring_state = 'ELIMINATED' and h.eliminated_on >= :from)""".formatted(RegistryLedgers.AS_OF, months("h.monitoring_since", "cast(:asOf as date)"));
            case CASES -> """
                    select c.household_id, c.village_code, coalesce(m.members, 0) as persons,
                           c.closed_on <= :asOf as decided,
                           c.closed_on <= :asOf and c.stage = 'INCLUDED' as included,
                           case when c.closed_on <= :asOf then c.closed_on else cast(:asOf as date) end
                               - c.discovered_on as days_to_decision,
                           c.deadline - c.discovered_on as deadline_days, c.channel
                    from (%1$s) c
                    left join (%2$s) m on m.household_id = c.household_id
                    where c.kind = 'IDENTIFICATION' and c.village_code between :low and :high
                      and c.discovered_on <= :asOf
                      and (c.closed_on between :from and :asOf
                           or ((c.closed_on is null or c.closed_on > :asOf) and c.deadline < :asOf))""".formatted(CaseworkLedgers.cases(zone), RegistryLedgers.AS_OF);
            case CHECKED -> """
                    select distinct on (s.household_id) s.household_id, s.village_code,
                           coalesce(m.members, 0) as persons, s.monitoring_state as frame_state, s.identity,
                           c.verdict, c.recognised, c.food_clothing, c.education, c.medical, c.housing, c.water
                    from sample_household s
                    join sample_draw d on d.id = s.draw_id
                    join field_check c on c.draw_id = s.draw_id and c.household_id = s.household_id
                    left join (%s) m on m.household_id = s.household_id
                    where s.village_code between :low and :high
                      and d.as_of between :from and :asOf and c.checked_on <= :asOf
                    order by s.household_id, c.checked_on desc, c.draw_id desc""".formatted(RegistryLedgers.AS_OF);
            case PAIRING -> throw new IllegalStateException(this + " is kept by another module");
        };
    }

    /** Whole months from one day to another, as SQL. */
    private static String months(String from, String to) {
        return "((extract(year from age(%2$s, %1$s)) * 12 + extract(month from age(%2$s, %1$s)))::int)"
                .formatted(from, to);
    }

    private static Map<String, Type> columns(Object... pairs) {
        Map<String, Type> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (Type) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
