package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.feed.FeedType;

/**
 * Compiles indicators and rules into the engines' SQL: one query computing every {@link Indicator} per household
 * as of a date, with one column listing the rules that fired, kept for the households where any did. Standard SQL
 * only (CASE, COALESCE, window functions, literal dates), so DuckDB and Spark SQL run the same text. Dates and
 * parameter values are literals computed here; identifiers come from the indicator catalogue, never from input.
 *
 * <p>Input tables: {@code household} and {@code person} (the registry snapshot) and {@code feed_<type>} (all
 * accepted batches of a feed, with {@code batch_id}, {@code line}, {@code period} and the feed's columns).
 */
public final class MonitoringSql {

    /** Rules of one pass: its households (a SQL condition on {@code village_code}), parameters and rules. */
    public record Pass(String households, Map<String, BigDecimal> params, List<CompiledRule> rules, String ruleSet) {}

    record CompiledRule(String code, RuleExpression expression) {}

    /** How many leading digits of a region code ({@code f.region_code}) are its own: 2 for a province … 12. */
    static final String REGION_LEN = "CASE WHEN SUBSTR(f.region_code, 3) = '0000000000' THEN 2 WHEN"
            + " SUBSTR(f.region_code, 5) = '00000000' THEN 4 WHEN SUBSTR(f.region_code, 7) = '000000' THEN 6 WHEN"
            + " SUBSTR(f.region_code, 10) = '000' THEN 9 ELSE 12 END";

    static final List<String> LABOUR = List.of("SKILLED", "ORDINARY", "WEAK");

    private MonitoringSql() {}

    public static String table(FeedType t) {
        return "feed_" + t.name().toLowerCase(Locale.ROOT);
    }

    /** All passes, as one query of the flagged households. */
    public static String flagged(LocalDate asOf, List<Pass> passes) {
        StringJoiner union = new StringJoiner(" UNION ALL ");
        for (Pass p : passes) {
            union.add("SELECT * FROM (" + pass(asOf, p) + ") q");
        }
        return union.toString();
    }

    /** One pass: the indicators of its households and the rules that fired, for those where any did. */
    static String pass(LocalDate asOf, Pass pass) {
        Window w = new Window(asOf, pass.params());
        String lab = "('" + String.join("', '", LABOUR) + "')";
        String working = "p.birth_date > " + date(asOf.minusYears(w.i("working_age_max") + 1)) + " AND p.birth_date <= "
                + date(asOf.minusYears(w.i("working_age_min")));
        String schoolAge = "p.birth_date > " + date(asOf.minusYears(w.i("school_age_max") + 1))
                + " AND p.birth_date <= " + date(asOf.minusYears(w.i("school_age_min")));
        String in12 = " BETWEEN " + date(w.from) + " AND " + date(asOf);

        StringBuilder q = new StringBuilder("WITH\n");
        q.append("h AS (SELECT * FROM household WHERE ")
                .append(pass.households())
                .append("),\n");
        // the pass's persons, with the columns the indicators use, written out at each join rather than as a CTE:
        // an engine may materialise a CTE read by many joins (DuckDB does: 10 M rows copied, ~25 % of the run),
        // while each derived table is scanned with only the columns and filters its join needs
        String p = "(SELECT x.person_id, x.household_id, x.village_code, x.id_hash, x.birth_date,"
                + " x.labour_capacity, x.medical_insurance, x.school_status, x.dibao, x.tekun FROM person x WHERE "
                + pass.households().replace("village_code", "x.village_code") + ") p";
        // household-subject feed rows find their household by number, else by a member's ID
        q.append("hmatch AS (SELECT household_no, household_id FROM h),\n");
        Set<String> need = needed(pass.rules());
        // person counts from the registry, each over the members it counts only (a household without any: 0)
        q.append("lf AS (SELECT p.household_id, COUNT(*) AS n FROM " + p + " WHERE ")
                .append(working)
                .append(" AND p.labour_capacity IN ")
                .append(lab)
                .append(" GROUP BY p.household_id),\n");
        q.append("unins AS (SELECT p.household_id, COUNT(*) AS n FROM " + p
                + " WHERE NOT COALESCE(p.medical_insurance, FALSE) GROUP BY p.household_id),\n");
        q.append("dib AS (SELECT p.household_id, COUNT(*) AS n FROM " + p
                + " WHERE p.dibao GROUP BY p.household_id),\n");
        q.append("tek AS (SELECT p.household_id, COUNT(*) AS n FROM " + p
                + " WHERE p.tekun GROUP BY p.household_id),\n");
        // 医保: rolling out-of-pocket and total costs (the sums the rules use)
        StringJoiner medSums = new StringJoiner("");
        if (need.contains("oop_medical_12m")) {
            medSums.add(", SUM(m.out_of_pocket) AS oop");
        }
        if (need.contains("medical_cost_12m")) {
            medSums.add(", SUM(m.total_cost) AS cost");
        }
        if (need.contains("major_illness_claims_12m")) {
            medSums.add(", SUM(CASE WHEN m.major_illness THEN 1 ELSE 0 END) AS major");
        }
        q.append("med AS (SELECT p.household_id")
                .append(medSums)
                .append(" FROM ")
                .append(table(FeedType.MEDICAL_CLAIM))
                .append(" m JOIN " + p + " ON p.id_hash = m.id_hash WHERE m.visit_date")
                .append(in12)
                .append(" GROUP BY p.household_id),\n");
        // 人社: wages of the months in the window, annualised over the months the feed has covered so far
        String months = " BETWEEN " + date(YearMonth.from(w.from).atDay(1)) + " AND "
                + date(YearMonth.from(asOf).atDay(1));
        q.append("wage_months AS (SELECT COUNT(DISTINCT month) AS n FROM ")
                .append(table(FeedType.EMPLOYMENT))
                .append(" WHERE month")
                .append(months)
                .append("),\n");
        q.append("wage AS (SELECT p.household_id, SUM(e.wage) * 12 / MAX(wm.n) AS wages FROM ")
                .append(table(FeedType.EMPLOYMENT))
                .append(" e JOIN " + p + " ON p.id_hash = e.id_hash CROSS JOIN wage_months wm WHERE e.month")
                .append(months)
                .append(" GROUP BY p.household_id),\n");
        // 农业农村: industry support paid in the window
        q.append(
                        "ind AS (SELECT COALESCE(hm.household_id, p.household_id) AS household_id, SUM(f.amount) AS amount FROM ")
                .append(table(FeedType.INDUSTRY_SUPPORT))
                .append(" f LEFT JOIN hmatch hm ON hm.household_no = f.household_no LEFT JOIN " + p
                        + " ON p.id_hash = CASE WHEN f.household_no IS NULL THEN f.id_hash END WHERE f.paid_on")
                .append(in12)
                .append(" GROUP BY COALESCE(hm.household_id, p.household_id)),\n");
        // 民政: assistance paid in the window; 低保/特困 whose latest record (as of the date) is a stop in the window
        q.append("asst AS (SELECT p.household_id, SUM(CASE WHEN a.start_date")
                .append(in12)
                .append(" THEN a.amount ELSE 0 END) AS amount FROM ")
                .append(table(FeedType.SOCIAL_ASSISTANCE))
                .append(" a JOIN " + p + " ON p.id_hash = a.id_hash GROUP BY p.household_id),\n");
        q.append("benefit AS (SELECT household_id, person_id, benefit_status, start_date, end_date, ROW_NUMBER() OVER"
                        + " (PARTITION BY person_id, assistance_type ORDER BY start_date DESC, period DESC, line DESC)"
                        + " AS rn FROM (SELECT p.household_id, p.person_id, a.* FROM ")
                .append(table(FeedType.SOCIAL_ASSISTANCE))
                .append(" a JOIN " + p + " ON p.id_hash = a.id_hash WHERE a.assistance_type IN ('DIBAO', 'TEKUN')"
                        + " AND a.start_date <= ")
                .append(date(asOf))
                .append(") b),\n");
        q.append("stopped AS (SELECT household_id, COUNT(DISTINCT person_id) AS n FROM benefit WHERE rn = 1"
                        + " AND (benefit_status = 'STOPPED' OR end_date <= ")
                .append(date(asOf))
                .append(") AND COALESCE(end_date, start_date)")
                .append(in12)
                .append(" GROUP BY household_id),\n");
        // 教育 (v2): what the family paid itself for schooling in the window (files of v1 read it as empty)
        q.append("educost AS (SELECT p.household_id, SUM(e.education_cost) AS cost FROM ")
                .append(table(FeedType.EDUCATION))
                .append(" e JOIN " + p
                        + " ON p.id_hash = e.id_hash WHERE e.education_cost IS NOT NULL AND e.status_date")
                .append(in12)
                .append(" GROUP BY p.household_id),\n");
        // 教育: the latest status of each compulsory-age child; the registry's where no feed row
        q.append(
                        "edu AS (SELECT person_id, enrolment FROM (SELECT p.person_id, e.enrolment, ROW_NUMBER() OVER"
                                + " (PARTITION BY p.person_id ORDER BY e.status_date DESC, e.period DESC, e.line DESC) AS rn FROM ")
                .append(table(FeedType.EDUCATION))
                .append(" e JOIN " + p + " ON p.id_hash = e.id_hash WHERE e.status_date <= ")
                .append(date(asOf))
                .append(") x WHERE rn = 1),\n");
        q.append("drop_ AS (SELECT p.household_id, COUNT(*) AS n FROM " + p
                        + " LEFT JOIN edu ON edu.person_id = p.person_id WHERE ")
                .append(schoolAge)
                .append(" AND (edu.enrolment IN ('DROPPED_OUT', 'NOT_ENROLLED') OR (edu.enrolment IS NULL AND"
                        + " p.school_status = 'DROPOUT')) GROUP BY p.household_id),\n");
        // 公安: deaths in the window, of labourers in particular
        q.append("reg AS (SELECT p.household_id, COUNT(DISTINCT p.person_id) AS deaths, COUNT(DISTINCT CASE WHEN ")
                .append(working)
                .append(" AND p.labour_capacity IN ")
                .append(lab)
                .append(" THEN p.person_id END) AS labour_deaths FROM ")
                .append(table(FeedType.HOUSEHOLD_REGISTRATION))
                .append(" r JOIN " + p
                        + " ON p.id_hash = r.id_hash WHERE r.registration_event = 'DEATH' AND r.event_date")
                .append(in12)
                .append(" GROUP BY p.household_id),\n");
        // 残联: working-age members newly certified severely disabled
        q.append("dis AS (SELECT p.household_id, COUNT(DISTINCT p.person_id) AS n FROM ")
                .append(table(FeedType.DISABILITY))
                .append(" d JOIN " + p + " ON p.id_hash = d.id_hash WHERE d.disability_grade <= ")
                .append(w.i("severe_disability_grade"))
                .append(" AND COALESCE(d.issued_on, d.period)")
                .append(in12)
                .append(" AND ")
                .append(working)
                .append(" GROUP BY p.household_id),\n");
        // 住建 and 水利: the latest assessment of each household (water also of its village)
        q.append(latestForHousehold("housing", FeedType.HOUSING, "f.housing_grade AS grade", asOf, p))
                .append(",\n");
        q.append(latestForHousehold(
                        "water_h",
                        FeedType.WATER,
                        "(f.water_quantity AND f.water_quality AND f.water_convenience AND f.water_guarantee) AS safe",
                        asOf,
                        p))
                .append(",\n");
        q.append("water_v AS (SELECT village_code, safe FROM (SELECT f.region_code AS village_code, (f.water_quantity"
                        + " AND f.water_quality AND f.water_convenience AND f.water_guarantee) AS safe, ROW_NUMBER()"
                        + " OVER (PARTITION BY f.region_code ORDER BY f.assessed_on DESC, f.period DESC, f.line DESC)"
                        + " AS rn FROM ")
                .append(table(FeedType.WATER))
                .append(" f WHERE f.household_no IS NULL AND f.id_hash IS NULL AND f.region_code IS NOT NULL"
                        + " AND f.assessed_on <= ")
                .append(date(asOf))
                .append(") x WHERE rn = 1),\n");
        // 应急 and 疫情: the most severe level over the region's ancestors and itself, in the window
        q.append("villages AS (SELECT DISTINCT village_code FROM h),\n");
        q.append(regionLevel(
                        "disaster",
                        FeedType.DISASTER,
                        "CASE f.severity WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III' THEN 3 ELSE 4 END",
                        asOf,
                        asOf.minusMonths(w.i("disaster_window_months"))))
                .append(",\n");
        q.append(regionLevel(
                        "epidemic",
                        FeedType.EPIDEMIC,
                        "CASE f.risk_level WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2 ELSE 3 END",
                        asOf,
                        asOf.minusMonths(w.i("epidemic_window_months"))))
                .append(",\n");
        // the indicators; income from the registry's last income year, its wages replaced by the employment feed's
        // only what the rules use is computed: the other indicators are null and their joins left out
        StringBuilder cols = new StringBuilder();
        StringBuilder joins = new StringBuilder();
        String[][] parts = {
            // join, indicator=expression ...
            {
                "wage ON wage.household_id = h.household_id",
                "household_income=CASE WHEN h.income_year IS NULL AND wage.wages IS NULL THEN NULL ELSE"
                        + " CAST(COALESCE(wage.wages, h.income_wage, 0) + COALESCE(h.income_production, 0)"
                        + " + COALESCE(h.income_property, 0) + COALESCE(h.income_transfer, 0)"
                        + " - COALESCE(h.production_cost, 0) AS DECIMAL(18, 2)) END",
                "wages_12m=CAST(wage.wages AS DECIMAL(18, 2))"
            },
            {null, "prev_per_capita_income=CAST(h.prev_income_net AS DOUBLE) / NULLIF(h.members, 0)"},
            {"ind ON ind.household_id = h.household_id", "industry_support_12m=CAST(ind.amount AS DECIMAL(18, 2))"},
            {"asst ON asst.household_id = h.household_id", "assistance_12m=CAST(asst.amount AS DECIMAL(18, 2))"},
            {
                "med ON med.household_id = h.household_id",
                "oop_medical_12m=CAST(COALESCE(med.oop, 0) AS DECIMAL(18, 2))",
                "medical_cost_12m=CAST(COALESCE(med.cost, 0) AS DECIMAL(18, 2))",
                "major_illness_claims_12m=CAST(COALESCE(med.major, 0) AS INTEGER)"
            },
            {
                "educost ON educost.household_id = h.household_id",
                "oop_education_12m=CAST(COALESCE(educost.cost, 0) AS DECIMAL(18, 2))"
            },
            {"lf ON lf.household_id = h.household_id", "labour_force=CAST(COALESCE(lf.n, 0) AS INTEGER)"},
            {"unins ON unins.household_id = h.household_id", "uninsured_members=CAST(COALESCE(unins.n, 0) AS INTEGER)"},
            {"dib ON dib.household_id = h.household_id", "dibao_members=CAST(COALESCE(dib.n, 0) AS INTEGER)"},
            {"tek ON tek.household_id = h.household_id", "tekun_members=CAST(COALESCE(tek.n, 0) AS INTEGER)"},
            {
                "reg ON reg.household_id = h.household_id",
                "deaths_12m=CAST(COALESCE(reg.deaths, 0) AS INTEGER)",
                "labour_deaths_12m=CAST(COALESCE(reg.labour_deaths, 0) AS INTEGER)"
            },
            {"dis ON dis.household_id = h.household_id", "labour_disabled_12m=CAST(COALESCE(dis.n, 0) AS INTEGER)"},
            {"drop_ ON drop_.household_id = h.household_id", "school_dropouts=CAST(COALESCE(drop_.n, 0) AS INTEGER)"},
            {
                "housing ON housing.household_id = h.household_id",
                "housing_grade=COALESCE(housing.grade, h.housing_grade)"
            },
            {
                "water_h ON water_h.household_id = h.household_id LEFT JOIN water_v ON water_v.village_code ="
                        + " h.village_code",
                "water_safe=COALESCE(water_h.safe, water_v.safe, h.water_safe)"
            },
            {
                "stopped ON stopped.household_id = h.household_id",
                "benefit_stopped=CAST(COALESCE(stopped.n, 0) AS INTEGER)"
            },
            {"disaster ON disaster.village_code = h.village_code", "disaster_level=disaster.lvl"},
            {"epidemic ON epidemic.village_code = h.village_code", "epidemic_level=epidemic.lvl"}
        };
        for (String[] part : parts) {
            boolean used = false;
            for (int i = 1; i < part.length; i++) {
                used |= need.contains(part[i].substring(0, part[i].indexOf('=')));
            }
            for (int i = 1; i < part.length; i++) {
                String id = part[i].substring(0, part[i].indexOf('='));
                String expr = part[i].substring(part[i].indexOf('=') + 1);
                cols.append(", ")
                        .append(
                                need.contains(id)
                                        ? expr
                                        : nullOf(Indicator.byId(id).orElseThrow()))
                        .append(" AS ")
                        .append(id);
            }
            if (used && part[0] != null) {
                joins.append(" LEFT JOIN ").append(part[0]);
            }
        }
        // status: v1's single value (rules written before the two dimensions may name it)
        q.append("base AS (SELECT h.household_id, h.household_no, h.village_code, h.identity, h.monitoring_state,"
                        + " CASE WHEN h.monitoring_state = 'NONE' THEN h.identity ELSE h.monitoring_state END AS status,"
                        + " h.monitoring_category, h.risk_causes, h.exit_year, CAST(h.members AS INTEGER) AS members")
                .append(cols)
                .append(" FROM h")
                .append(joins)
                .append("),\n");
        q.append("ind_ AS (SELECT base.*, CAST(household_income AS DOUBLE) / NULLIF(members, 0) AS per_capita_income"
                + " FROM base),\n");
        q.append(
                "full_ AS (SELECT ind_.*, (per_capita_income - prev_per_capita_income) / NULLIF(prev_per_capita_income,"
                        + " 0) AS income_change_ratio FROM ind_),\n");
        StringJoiner fired = new StringJoiner(", ", "CONCAT_WS(',', ", ")");
        for (CompiledRule r : pass.rules()) {
            fired.add("CASE WHEN " + r.expression().sql(id -> column(id, pass.params())) + " THEN '" + r.code()
                    + "' END");
        }
        q.append("fired AS (SELECT full_.*, ")
                .append(pass.rules().isEmpty() ? "''" : fired.toString())
                .append(" AS rules FROM full_)\n");
        q.append("SELECT '").append(pass.ruleSet()).append("' AS rule_set, fired.* FROM fired WHERE rules <> ''");
        return q.toString();
    }

    /**
     * For the flagged households: which feed batches their facts came from, per feed and batch (rows, and the sum
     * of the feed's amount column where it has one). Window feeds count rows in the look-back window; status feeds
     * (school, housing, water) all rows up to the date; region feeds the rows covering the household's village.
     */
    public static String sources(LocalDate asOf, int lookbackMonths, int regionWindowMonths) {
        return sources(asOf, lookbackMonths, regionWindowMonths, false);
    }

    /** The same for the flagged households listed in the table {@code fresh} only (those getting a new alert). */
    public static String sources(LocalDate asOf, int lookbackMonths, int regionWindowMonths, boolean freshOnly) {
        LocalDate from = asOf.minusMonths(lookbackMonths).plusDays(1);
        String in = " BETWEEN " + date(from) + " AND " + date(asOf);
        String upTo = " <= " + date(asOf);
        StringBuilder q = new StringBuilder("WITH fl AS (SELECT household_id, household_no, village_code FROM flagged"
                + (freshOnly ? " WHERE household_id IN (SELECT household_id FROM fresh)" : "") + "),"
                + " fp AS (SELECT p.household_id, p.id_hash FROM person p JOIN fl ON fl.household_id ="
                + " p.household_id)\n");
        StringJoiner parts = new StringJoiner("\nUNION ALL\n");
        for (FeedType t : FeedType.values()) {
            String amount = switch (t) {
                case MEDICAL_CLAIM -> "f.out_of_pocket";
                case EMPLOYMENT -> "f.wage";
                case SOCIAL_ASSISTANCE, INDUSTRY_SUPPORT -> "f.amount";
                case EDUCATION -> "CASE WHEN f.status_date" + in + " THEN f.education_cost END";
                default -> null;
            };
            String when = switch (t) {
                case MEDICAL_CLAIM -> "f.visit_date" + in;
                case EMPLOYMENT ->
                    "f.month BETWEEN " + date(YearMonth.from(from).atDay(1)) + " AND "
                            + date(YearMonth.from(asOf).atDay(1));
                case SOCIAL_ASSISTANCE ->
                    "f.start_date" + upTo + " AND COALESCE(f.end_date, f.start_date) >= " + date(from);
                case EDUCATION -> "f.status_date" + upTo;
                case HOUSING, WATER -> "f.assessed_on" + upTo;
                case DISABILITY -> "COALESCE(f.issued_on, f.period)" + in;
                case HOUSEHOLD_REGISTRATION -> "f.event_date" + in;
                case INDUSTRY_SUPPORT -> "f.paid_on" + in;
                case DISASTER, EPIDEMIC ->
                    "f.start_date" + upTo + " AND COALESCE(f.end_date, " + date(asOf) + ") >= "
                            + date(asOf.minusMonths(regionWindowMonths));
            };
            String select = "SELECT %s AS household_id, '" + t.name() + "' AS feed, f.batch_id, f.period, COUNT(*) AS"
                    + " rows_, "
                    + (amount == null ? "CAST(NULL AS DECIMAL(18, 2))" : "CAST(SUM(" + amount + ") AS DECIMAL(18, 2))")
                    + " AS amount FROM " + table(t) + " f ";
            String group = " GROUP BY %s, f.batch_id, f.period";
            switch (t.subject()) {
                case PERSON ->
                    parts.add(String.format(select, "fp.household_id") + "JOIN fp ON fp.id_hash = f.id_hash" + " WHERE "
                            + when + String.format(group, "fp.household_id"));
                case HOUSEHOLD, HOUSEHOLD_OR_VILLAGE -> {
                    String hh = "COALESCE(fl.household_id, fp.household_id)";
                    parts.add(String.format(select, hh) + "LEFT JOIN fl ON fl.household_no = f.household_no"
                            + " LEFT JOIN fp ON fp.id_hash = CASE WHEN f.household_no IS NULL THEN f.id_hash END WHERE "
                            + when
                            + " AND " + hh + " IS NOT NULL" + String.format(group, hh));
                    if (t.subject() == FeedType.Subject.HOUSEHOLD_OR_VILLAGE) {
                        parts.add(String.format(select, "fl.household_id") + "JOIN fl ON fl.village_code ="
                                + " f.region_code WHERE f.household_no IS NULL AND f.id_hash IS NULL AND " + when
                                + String.format(group, "fl.household_id"));
                    }
                }
                case REGION ->
                    parts.add(String.format(select, "fl.household_id") + "JOIN fl ON SUBSTR(f.region_code,"
                            + " 1, " + REGION_LEN + ") = SUBSTR(fl.village_code, 1, " + REGION_LEN + ") WHERE " + when
                            + String.format(group, "fl.household_id"));
            }
        }
        return q.append(parts).toString();
    }

    /** The indicators the rules name, with those they are computed from. */
    static Set<String> needed(List<CompiledRule> rules) {
        Set<String> need = new HashSet<>(List.of("members", "identity", "monitoring_state", "status"));
        for (CompiledRule r : rules) {
            need.addAll(r.expression().identifiers());
        }
        if (need.contains("income_change_ratio")) {
            need.addAll(List.of("per_capita_income", "prev_per_capita_income"));
        }
        if (need.contains("per_capita_income")) {
            need.add("household_income");
        }
        need.retainAll(Arrays.stream(Indicator.values()).map(Indicator::id).toList());
        return need;
    }

    /**
     * A null of the indicator's type, for a pass that does not compute it. Text is {@code STRING}: DuckDB reads it
     * as {@code VARCHAR}, and Spark refuses a {@code VARCHAR} without a length.
     */
    private static String nullOf(Indicator i) {
        return switch (i.type()) {
            case TEXT -> "CAST(NULL AS STRING)";
            case BOOLEAN -> "CAST(NULL AS BOOLEAN)";
            case NUMBER ->
                i.unit().equals("CNY")
                        ? "CAST(NULL AS DECIMAL(18, 2))"
                        : i.unit().equals("RATIO") ? "CAST(NULL AS DOUBLE)" : "CAST(NULL AS INTEGER)";
        };
    }

    /** The latest assessment per household of a feed; {@code p} is the pass's persons (a derived table named p). */
    private static String latestForHousehold(String name, FeedType type, String value, LocalDate asOf, String p) {
        String dateCol = "f.assessed_on";
        return name + " AS (SELECT household_id, " + value.substring(value.lastIndexOf(" AS ") + 4) + " FROM (SELECT"
                + " COALESCE(hm.household_id, p.household_id) AS household_id, " + value + ", ROW_NUMBER() OVER"
                + " (PARTITION BY COALESCE(hm.household_id, p.household_id) ORDER BY " + dateCol + " DESC, f.period"
                + " DESC, f.line DESC) AS rn FROM " + table(type) + " f LEFT JOIN hmatch hm ON hm.household_no ="
                + " f.household_no LEFT JOIN " + p
                + " ON p.id_hash = CASE WHEN f.household_no IS NULL THEN f.id_hash END WHERE "
                + dateCol
                + " <= " + date(asOf) + " AND (f.household_no IS NOT NULL OR f.id_hash IS NOT NULL)) x"
                + " WHERE rn = 1 AND household_id IS NOT NULL)";
    }

    /** Per village, the lowest (most severe) level of the rows covering it or an ancestor region, in the window. */
    private static String regionLevel(String name, FeedType type, String level, LocalDate asOf, LocalDate since) {
        String rows = "(SELECT f.region_code, " + level + " AS lvl, " + REGION_LEN + " AS len FROM " + table(type)
                + " f WHERE f.start_date <= " + date(asOf) + " AND COALESCE(f.end_date, " + date(asOf) + ") >= "
                + date(since) + ")";
        StringJoiner parts = new StringJoiner(" UNION ALL ");
        for (int len : new int[] {2, 4, 6, 9, 12}) {
            parts.add("SELECT v.village_code, r.lvl FROM villages v JOIN " + rows + " r ON r.len = " + len
                    + " AND SUBSTR(r.region_code, 1, " + len + ") = SUBSTR(v.village_code, 1, " + len + ")");
        }
        return name + " AS (SELECT village_code, MIN(lvl) AS lvl FROM (" + parts + ") x GROUP BY village_code)";
    }

    /** An identifier in a rule: an indicator column, or a parameter's value as a literal. */
    static String column(String id, Map<String, BigDecimal> params) {
        if (Indicator.byId(id).isPresent()) {
            return id;
        }
        BigDecimal v = params.get(id);
        if (v == null) {
            throw new IllegalStateException("no value for parameter " + id);
        }
        return RuleExpression.sqlNumber(v);
    }

    static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }

    /** The run's look-back window and integer parameters. */
    private static final class Window {
        final LocalDate from;
        final Map<String, BigDecimal> params;

        Window(LocalDate asOf, Map<String, BigDecimal> params) {
            this.params = params;
            this.from = asOf.minusMonths(i("lookback_months")).plusDays(1);
        }

        int i(String key) {
            BigDecimal v = params.get(key);
            if (v == null) {
                throw new IllegalStateException("no value for parameter " + key);
            }
            return v.intValueExact();
        }
    }
}
