package org.fangpin.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry's standard figures (统计口径) for the reporting module: counts of households and persons as of a day,
 * per village, by who the household is and its monitoring state, cut by one more dimension; and the changes of
 * monitoring state in a span of days, one row per household and change. Read from the versioned rows: a version is
 * in force on a day when {@code valid_from <= day < valid_to}; a deleted household (or person) counts until its
 * deletion takes effect. No caller's scope applies here: the callers freeze whole-installation figures or narrow
 * them to a scope themselves.
 */
@Service
public class RegistryFigures {

    /** The dimension a count is cut by besides identity and monitoring state. */
    public enum Dimension {
        /** 监测类别 (empty key: none). Households and their members; the base of every total. */
        CATEGORY,
        /** 风险类型, one row per cause a household has: households and members (a household with two counts twice). */
        CAUSE,
        /** 户标识 (易地扶贫搬迁户), one row per flag. */
        FLAG,
        /** Members by age group (years by year of birth): {@link #AGE_GROUPS}. Households: those with such members. */
        AGE,
        /** Members by labour capacity (empty key: not recorded). */
        LABOUR,
        /** Members by health (empty key: not recorded). */
        HEALTH,
        /** Members receiving 低保 or 特困 support (keys {@code DIBAO}, {@code TEKUN}). */
        LOW_INCOME,
        /**
         * Households by per-capita net income (unrounded, as the monitoring rules compare it) against the monitoring
         * line of their province on the day: {@code
         * BELOW_LINE}, {@code NEAR_LINE} (below line × edge factor), {@code ABOVE}, {@code UNKNOWN} (no income
         * recorded, or no members).
         */
        INCOME,
        /**
         * Households by the measures (帮扶措施) they have had by the day, one row per type, from a relation the caller
         * gives (the registry does not keep measures); key {@code NONE}: no measure. Members: those households'.
         */
        MEASURE,
        /**
         * Monitored households by how long their risk has lasted (months from 纳入监测 to the day): {@link
         * #RISK_AGES}; {@code UNKNOWN} when the inclusion date is not recorded. Other states have no rows.
         */
        RISK_AGE
    }

    /** How long a monitored household's risk has lasted, in whole months (动态清零: the older, the more urgent). */
    public static final List<String> RISK_AGES = List.of("0-3", "3-6", "6-12", "12+", "UNKNOWN");

    /** The {@link #RISK_AGES} group of a risk from {@code since} to {@code on} (whole months, as SQL's {@code age}). */
    public static String riskAge(LocalDate since, LocalDate on) {
        if (since == null || since.isAfter(on)) {
            return "UNKNOWN";
        }
        long months = Period.between(since, on).toTotalMonths();
        return months < 3 ? "0-3" : months < 6 ? "3-6" : months < 12 ? "6-12" : "12+";
    }

    /** Age groups (NBS convention; 6–15 the compulsory school years; 16–59 / 60+ and 65+ both roll up). */
    public static final List<String> AGE_GROUPS = List.of("0-5", "6-15", "16-59", "60-64", "65+");

    /** Income bands, lowest first. */
    public static final List<String> INCOME_BANDS = List.of("BELOW_LINE", "NEAR_LINE", "ABOVE", "UNKNOWN");

    /** The monitoring line of a province on the day and the factor that marks households near it. */
    public record Line(BigDecimal line, BigDecimal edgeFactor) {}

    /** One count: under a village, households of one identity and state, with one value of the dimension. */
    public record Cell(
            String villageCode,
            Dimension dimension,
            HouseholdIdentity identity,
            MonitoringState state,
            String key,
            long households,
            long persons) {}

    /** A change of monitoring state. */
    public enum MonitoringChange {
        /** 新识别纳入: monitored, never eliminated before. */
        INCLUDED,
        /** 返贫/再次纳入: monitored again after an elimination. */
        REINCLUDED,
        /** 风险消除. */
        ELIMINATED,
        /** 纳入撤销: monitoring ended without elimination (an inclusion undone, a correction). */
        WITHDRAWN
    }

    /**
     * A household whose monitoring state changed on a day, with where and who it was then and since when it was
     * monitored (its 纳入监测 date, for an elimination: how long the risk lasted; null when not recorded).
     */
    public record Transition(
            long householdId,
            String villageCode,
            HouseholdIdentity identity,
            MonitoringChange change,
            LocalDate on,
            LocalDate since) {}

    private final JdbcClient jdbc;

    RegistryFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Households in force on the day (not deleted) under the range, with their members in force that day. */
    private static final String AS_OF = """
            with h as (
              select household_id, household_no, village_code, identity, monitoring_state as state,
                     coalesce(monitoring_category, '') as category, risk_causes, identity_flags, monitoring_since,
                     case when income_year is null and income_wage is null and income_production is null
                               and income_property is null and income_transfer is null and production_cost is null
                          then null
                          else coalesce(income_wage, 0) + coalesce(income_production, 0) + coalesce(income_property, 0)
                               + coalesce(income_transfer, 0) - coalesce(production_cost, 0) end as net
              from household
              where valid_from <= :d and (valid_to is null or valid_to > :d) and not deleted
                and village_code between :lo and :hi VILLAGES),
            p as (
              select p.household_id, extract(year from cast(:d as date)) - extract(year from p.birth_date) as age,
                     coalesce(p.labour_capacity, '') as labour, coalesce(p.health, '') as health, p.dibao, p.tekun
              from PERSONS
              where p.valid_from <= :d and (p.valid_to is null or p.valid_to > :d) and not p.deleted),
            m as (select household_id, count(*) as n from p group by household_id),
            hm as (select h.*, coalesce(m.n, 0) as members from h left join m using (household_id))
            """;

    /** A statement over the registry's tables with its named parameters: a read model other modules may embed. */
    public record Statement(String sql, Map<String, Object> params) {}

    /**
     * The counts as of the day for villages in the range, by every dimension: a statement selecting {@code
     * village_code, dimension, identity, state, key, households, persons}, for a caller that stores them where they
     * are (a province has a few million cells). {@code lines}: per province code (2 digits), its line on the day; a
     * province without one has its incomes in {@code UNKNOWN}. {@code measures}: a {@code select} of {@code
     * household_id, measure_type} for the measures households have had by the day {@code :d} (for {@link
     * Dimension#MEASURE}; null: none).
     */
    public Statement cellsStatement(
            LocalDate asOf,
            RegionCode.CodeRange range,
            Map<String, Line> lines,
            Set<Dimension> dimensions,
            String measures) {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = with(asOf, range, null, lines, measures, params)
                + String.join(
                        "\nunion all\n",
                        dimensions.stream().sorted().map(CELLS::get).toList());
        return new Statement(sql, params);
    }

    /**
     * The households behind one figure of {@link #cellsStatement} (its {@code households}): those in force on the
     * day under the range, of the identity and state when given, having the dimension's {@code key} (a household
     * with several members of an age group once; {@code key} null: every household, the dimension ignored) — the same
     * predicates as the count, so the list's length is the figure. Selects {@code household_id, household_no,
     * village_code, identity, state, persons} (its members, or for a dimension of members those with the key: their sum
     * is the figure's {@code persons}).
     */
    public Statement householdsStatement(
            LocalDate asOf,
            RegionCode.CodeRange range,
            Map<String, Line> lines,
            Dimension dimension,
            String key,
            HouseholdIdentity identity,
            MonitoringState state,
            String measures) {
        return householdsStatement(asOf, range, null, lines, dimension, key, identity, state, measures);
    }

    /**
     * {@link #householdsStatement} for some villages of the range only ({@code villages}; null: all of them) — a
     * page of a wide region's list, whose villages a snapshot's cells point to: their households and members are read
     * by the indexes, however wide the region.
     */
    public Statement householdsStatement(
            LocalDate asOf,
            RegionCode.CodeRange range,
            List<String> villages,
            Map<String, Line> lines,
            Dimension dimension,
            String key,
            HouseholdIdentity identity,
            MonitoringState state,
            String measures) {
        Map<String, Object> params = new LinkedHashMap<>();
        String head = with(asOf, range, villages, lines, measures, params);
        List<String> where = new ArrayList<>();
        where.add("true");
        String members = "hm.members";
        String join = "";
        if (identity != null) {
            where.add("hm.identity = :identity");
            params.put("identity", identity.name());
        }
        if (state != null) {
            where.add("hm.state = :state");
            params.put("state", state.name());
        }
        if (key != null && dimension != null) {
            params.put("key", key);
            where.add(
                    switch (dimension) {
                        case CATEGORY -> "hm.category = :key";
                        case CAUSE -> "cast(:key as text) = any(hm.risk_causes)";
                        case FLAG -> "cast(:key as text) = any(hm.identity_flags)";
                        case AGE, LABOUR, HEALTH, LOW_INCOME -> "pk.n > 0";
                        case INCOME -> INCOME_KEY + " = :key";
                        case MEASURE ->
                            "(:key = 'NONE' and hm.household_id not in (select household_id from mt))"
                                    + " or hm.household_id in (select household_id from mt where key = :key)";
                        case RISK_AGE -> "hm.state = 'MONITORED' and " + riskAgeKey("hm") + " = :key";
                    });
            if (MEMBER_KEYS.containsKey(dimension)) {
                // the members with the key, per household: one grouped pass over p (a correlated subquery would scan
                // the materialised p once per household)
                join = " join (select p.household_id, count(*) as n from p where " + MEMBER_KEYS.get(dimension)
                        + " = :key group by p.household_id) pk on pk.household_id = hm.household_id";
                members = "pk.n";
            }
        }
        return new Statement(
                head + "select hm.household_id, hm.household_no, hm.village_code, hm.identity, hm.state, " + members
                        + " as persons from hm left join lines l on l.province = substr(hm.village_code, 1, 2)" + join
                        + " where ("
                        + String.join(") and (", where) + ")",
                params);
    }

    /** The common table expressions of a day's figures: {@code h, p, m, hm, lines, mt}; adds their parameters. */
    private static String with(
            LocalDate asOf,
            RegionCode.CodeRange range,
            List<String> villages,
            Map<String, Line> lines,
            String measures,
            Map<String, Object> params) {
        params.put("d", asOf);
        params.put("lo", range.low());
        params.put("hi", range.high());
        String within = "";
        if (villages != null) {
            params.put("villages", villages.toArray(String[]::new));
            within = "and village_code = any(:villages)";
        }
        List<String> rows = new ArrayList<>();
        int i = 0;
        for (var e : lines.entrySet()) {
            rows.add("(cast(:p%d as text), cast(:l%d as numeric), cast(:f%d as numeric))".formatted(i, i, i));
            params.put("p" + i, e.getKey());
            params.put("l" + i, e.getValue().line());
            params.put("f" + i, e.getValue().edgeFactor());
            i++;
        }
        if (rows.isEmpty()) {
            rows.add("(cast(null as text), cast(null as numeric), cast(null as numeric))");
        }
        // a county or less: its households' members by the (household, valid_from) index; a city or more: one pass
        // over all persons (docs/benchmarks.md, statistics)
        String persons = villages != null || narrow(range)
                ? "h cross join lateral (select * from person p where p.household_id = h.household_id offset 0) p"
                : "person p join h on h.household_id = p.household_id";
        String taken = measures == null
                ? "select cast(null as bigint) as household_id, cast(null as text) as measure_type where false"
                : measures;
        return AS_OF.replace("PERSONS", persons).replace("VILLAGES", within)
                + ", lines (province, line, factor) as (values "
                + String.join(", ", rows) + "),\n"
                + "mt as (select distinct household_id, measure_type as key from (" + taken + ") x"
                + " where household_id in (select household_id from h))\n";
    }

    /** Whether the range is a county's or smaller (its codes share the first six digits). */
    private static boolean narrow(RegionCode.CodeRange range) {
        return range.low().length() >= 6
                && range.high().length() >= 6
                && range.low().substring(0, 6).equals(range.high().substring(0, 6));
    }

    /** The counts as of the day for villages in the range (for a scope small enough to hold them). */
    @Transactional(readOnly = true)
    public List<Cell> cells(
            LocalDate asOf,
            RegionCode.CodeRange range,
            Map<String, Line> lines,
            Set<Dimension> dimensions,
            String measures) {
        Statement st = cellsStatement(asOf, range, lines, dimensions, measures);
        return jdbc.sql(st.sql())
                .params(st.params())
                .query((rs, n) -> new Cell(
                        rs.getString(1),
                        Dimension.valueOf(rs.getString(2)),
                        HouseholdIdentity.valueOf(rs.getString(3)),
                        MonitoringState.valueOf(rs.getString(4)),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7)))
                .list();
    }

    /** A member's value of a member dimension, over {@code p} (LOW_INCOME: {@code DIBAO} or {@code TEKUN}). */
    private static final String AGE_KEY = "case when p.age < 6 then '0-5' when p.age < 16 then '6-15' when p.age < 60"
            + " then '16-59' when p.age < 65 then '60-64' else '65+' end";

    private static final Map<Dimension, String> MEMBER_KEYS = Map.of(
            Dimension.AGE,
            AGE_KEY,
            Dimension.LABOUR,
            "p.labour",
            Dimension.HEALTH,
            "p.health",
            Dimension.LOW_INCOME,
            "case when :key = 'DIBAO' and p.dibao then 'DIBAO' when :key = 'TEKUN' and p.tekun then 'TEKUN' end");

    /** A household's income band, over {@code hm} and its province's {@code lines} row {@code l}. */
    private static final String INCOME_KEY = """
            case when hm.net is null or hm.members = 0 or l.line is null then 'UNKNOWN'
                 when hm.net < l.line * hm.members then 'BELOW_LINE'
                 when hm.net < l.line * l.factor * hm.members then 'NEAR_LINE'
                 else 'ABOVE' end""";

    /** A monitored household's risk age on {@code :d}, over a row of {@code hm} named {@code alias}. */
    private static String riskAgeKey(String alias) {
        String months = "(extract(year from age(cast(:d as date), %1$s.monitoring_since)) * 12"
                + " + extract(month from age(cast(:d as date), %1$s.monitoring_since)))";
        return """
                case when %1$s.monitoring_since is null or %1$s.monitoring_since > :d then 'UNKNOWN'
                     when %2$s < 3 then '0-3' when %2$s < 6 then '3-6' when %2$s < 12 then '6-12'
                     else '12+' end""".formatted(alias, months.formatted(alias));
    }

    /** One select per dimension, over {@code hm} (households with member counts), {@code h} and {@code p}. */
    private static final Map<Dimension, String> CELLS = Map.of(
            Dimension.CATEGORY,
            """
            select village_code, 'CATEGORY' as dimension, identity, state, category as key, count(*) as households,
                   sum(members) as persons
            from hm group by 1, 2, 3, 4, 5""",
            Dimension.CAUSE,
            """
            select village_code, 'CAUSE', identity, state, cause, count(*), sum(members)
            from hm cross join unnest(risk_causes) as cause group by 1, 2, 3, 4, 5""",
            Dimension.FLAG,
            """
            select village_code, 'FLAG', identity, state, flag, count(*), sum(members)
            from hm cross join unnest(identity_flags) as flag group by 1, 2, 3, 4, 5""",
            Dimension.AGE,
            """
            select h.village_code, 'AGE', h.identity, h.state, %s, count(distinct p.household_id), count(*)
            from p join h using (household_id) group by 1, 2, 3, 4, 5""".formatted(AGE_KEY),
            Dimension.LABOUR,
            """
            select h.village_code, 'LABOUR', h.identity, h.state, p.labour, count(distinct p.household_id), count(*)
            from p join h using (household_id) group by 1, 2, 3, 4, 5""",
            Dimension.HEALTH,
            """
            select h.village_code, 'HEALTH', h.identity, h.state, p.health, count(distinct p.household_id), count(*)
            from p join h using (household_id) group by 1, 2, 3, 4, 5""",
            Dimension.LOW_INCOME,
            """
            select h.village_code, 'LOW_INCOME', h.identity, h.state, g.key, count(distinct p.household_id), count(*)
            from p join h using (household_id)
                 cross join lateral (select 'DIBAO' as key where p.dibao union all select 'TEKUN' where p.tekun) g
            group by 1, 2, 3, 4, 5""",
            Dimension.INCOME,
            """
            select hm.village_code, 'INCOME', hm.identity, hm.state, %s, count(*), sum(hm.members)
            from hm left join lines l on l.province = substr(hm.village_code, 1, 2)
            group by 1, 2, 3, 4, 5""".formatted(INCOME_KEY),
            Dimension.MEASURE,
            """
            select hm.village_code, 'MEASURE', hm.identity, hm.state, coalesce(mt.key, 'NONE'), count(*),
                   sum(hm.members)
            from hm left join mt using (household_id) group by 1, 2, 3, 4, 5""",
            Dimension.RISK_AGE,
            """
            select r.village_code, 'RISK_AGE', r.identity, r.state, %s, count(*), sum(r.members)
            from hm r where r.state = 'MONITORED'
            group by 1, 2, 3, 4, 5""".formatted(riskAgeKey("r")));

    /**
     * Every change of monitoring state that took effect from {@code from} to {@code to} (both included) for villages
     * in the range: a statement selecting {@code household_id, village_code, identity, change, on_date, since} (the
     * 纳入监测 date of the monitoring the change began or ended), one row per
     * change (a household eliminated and monitored again in the span has two). Between two versions the change is
     * dated by the later one; a version replaced the day it began was never in force and is skipped; an elimination
     * counts only from monitoring; the end of monitoring without one is {@link MonitoringChange#WITHDRAWN}. A
     * household registered already monitored (or eliminated) was included on its {@code monitoring_since} (and
     * eliminated on its {@code eliminated_on}): those count when they fall in the span, so an initial load adds no
     * inclusions to its own month, and a household registered later adds its own.
     */
    public Statement transitionsStatement(LocalDate from, LocalDate to, RegionCode.CodeRange range) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", from);
        params.put("to", to);
        params.put("lo", range.low());
        params.put("hi", range.high());
        return new Statement("""
                with c as (
                  -- the households that can have a change in the span: a version of theirs in the range began in
                  -- it, or one says it was included or eliminated in it (one pass over the versions)
                  select distinct household_id from household
                  where village_code between :lo and :hi
                    and (valid_from between :from and :to or monitoring_since between :from and :to
                         or eliminated_on between :from and :to)),
                v as (
                  select household_id, version, valid_from, village_code, identity, monitoring_state as state, deleted,
                         monitoring_since, eliminated_on,
                         coalesce(monitoring_since, lag(monitoring_since) over w) as since,
                         lag(monitoring_state) over w as before,
                         coalesce(bool_or(monitoring_state = 'ELIMINATED')
                                  over (w rows between unbounded preceding and 1 preceding), false) as eliminated_before
                  from household
                  where (valid_to is null or valid_to > valid_from) and valid_from <= :to
                    and household_id in (select household_id from c)
                  window w as (partition by household_id order by version))
                select household_id, village_code, identity,
                       case when state = 'MONITORED' and eliminated_before then 'REINCLUDED'
                            when state = 'MONITORED' then 'INCLUDED'
                            when state = 'ELIMINATED' then 'ELIMINATED'
                            else 'WITHDRAWN' end as change,
                       valid_from as on_date, since
                from v
                where not deleted and valid_from >= :from and village_code between :lo and :hi
                  and before is not null and state <> before
                  and (state = 'MONITORED' or before = 'MONITORED')
                union all
                select household_id, village_code, identity, 'INCLUDED', monitoring_since, since
                from v
                where before is null and not deleted and state in ('MONITORED', 'ELIMINATED')
                  and monitoring_since between :from and :to and village_code between :lo and :hi
                union all
                select household_id, village_code, identity, 'ELIMINATED', eliminated_on, since
                from v
                where before is null and not deleted and state = 'ELIMINATED'
                  and eliminated_on between :from and :to and village_code between :lo and :hi""", params);
    }

    /** The first day any household's history begins (none: nothing registered). */
    @Transactional(readOnly = true)
    public Optional<LocalDate> firstRecorded() {
        // min() of no rows is one row holding null, which single() refuses
        return Optional.ofNullable(jdbc.sql("select min(valid_from) from household")
                .query((rs, i) -> rs.getObject(1, LocalDate.class))
                .list()
                .get(0));
    }

    /** The changes of monitoring state in the span (for a scope small enough to hold them). */
    @Transactional(readOnly = true)
    public List<Transition> transitions(LocalDate from, LocalDate to, RegionCode.CodeRange range) {
        Statement st = transitionsStatement(from, to, range);
        return jdbc.sql(st.sql())
                .params(st.params())
                .query((rs, n) -> new Transition(
                        rs.getLong(1),
                        rs.getString(2),
                        HouseholdIdentity.valueOf(rs.getString(3)),
                        MonitoringChange.valueOf(rs.getString(4)),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class)))
                .list();
    }
}
