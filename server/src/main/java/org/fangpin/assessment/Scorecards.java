package org.fangpin.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.RegistryFigures;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Computes a county's indicators as of a day over a period, from the versioned rows as they stood then: one pass over
 * each population's rows (ordered by household) evaluates every indicator of that population, counting the rows that
 * pass each filter, those meeting each condition, a fingerprint of the rows counted (SHA-256 of their ids, like a
 * draw's frame) and the households that count against it (the drill-down). Scorecards of plans are computed once and
 * kept ({@link #freeze}); a county's self-assessment is computed live and never kept.
 */
@Service
public class Scorecards {

    /** One value of a breakdown: its rows meeting the condition of those counted. */
    public record IndicatorGroup(String value, long numerator, long denominator, BigDecimal rate) {}

    /**
     * An indicator's figure for one county: {@code numerator} of {@code denominator} (null when the rural population
     * is not recorded), the share (4 decimals; null without a denominator), the threshold in force and whether the
     * exact fraction keeps to it (null: no threshold or no data), its breakdown, and what it was computed from: the
     * definition, the parameter values and rural population ({@code inputs}), the rows counted and their fingerprint.
     */
    public record IndicatorResult(
            String code,
            String nameZh,
            String nameEn,
            IndicatorArea area,
            boolean hard,
            IndicatorUnit counts,
            IndicatorBase base,
            long numerator,
            Long denominator,
            BigDecimal rate,
            BigDecimal threshold,
            IndicatorDirection direction,
            Boolean met,
            List<IndicatorGroup> groups,
            int populationSize,
            String populationHash,
            Map<String, Object> definition,
            Map<String, Object> inputs) {

        public String name(boolean zh) {
            return zh ? nameZh : nameEn;
        }
    }

    /** A household counting against an indicator (failing a condition it should meet, or meeting one it should not). */
    public record Against(String indicator, long householdId, String villageCode, String group) {}

    /** A county's figures with the households behind them. */
    record Computed(List<IndicatorResult> results, List<Against> against) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Indicators indicators;
    private final PolicyParameters parameters;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<IndicatorPopulation, PopulationRows> elsewhere = new EnumMap<>(IndicatorPopulation.class);

    Scorecards(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate named,
            Indicators indicators,
            PolicyParameters parameters,
            JsonMapper json,
            Clock clock,
            List<PopulationRows> kept) {
        this.jdbc = jdbc;
        this.named = named;
        this.indicators = indicators;
        this.parameters = parameters;
        this.json = json;
        this.clock = clock;
        kept.forEach(k -> elsewhere.put(k.population(), k));
    }

    /** A population's rows as one select, from the module that keeps them where it is kept elsewhere. */
    private String rows(IndicatorPopulation population) {
        if (!population.keptElsewhere()) {
            return population.sql(clock.getZone());
        }
        PopulationRows kept = elsewhere.get(population);
        if (kept == null) {
            throw new IllegalStateException("no module supplies the rows of " + population);
        }
        return kept.sql(clock.getZone());
    }

    /** Every active indicator of a county as of a day over the period from {@code from}: computed, not kept. */
    @Transactional(readOnly = true)
    public List<IndicatorResult> compute(String county, LocalDate from, LocalDate asOf) {
        return computeWithHouseholds(county, from, asOf).results();
    }

    Computed computeWithHouseholds(String county, LocalDate from, LocalDate asOf) {
        Map<String, PolicyParameters.Value> values = parameters.resolve(RegionCode.province(county), asOf);
        Integer rural = jdbc.sql("select persons from rural_population where county_code = ? and year = ?")
                .params(county, asOf.getYear())
                .query(Integer.class)
                .optional()
                .orElse(null);
        Map<IndicatorPopulation, List<Indicators.Compiled>> byPopulation = new LinkedHashMap<>();
        List<Indicators.IndicatorDefinition> active = indicators.active();
        for (Indicators.IndicatorDefinition d : active) {
            byPopulation.computeIfAbsent(d.population(), k -> new ArrayList<>()).add(indicators.compile(d, values));
        }
        RegionCode.CodeRange range = RegionCode.subtree(county, RegionLevel.COUNTY);
        Map<String, Object> binds = new HashMap<>();
        binds.put("low", range.low());
        binds.put("high", range.high());
        binds.put("from", from);
        binds.put("asOf", asOf);
        Map<String, Tally> tallies = new HashMap<>();
        List<Against> against = new ArrayList<>();
        for (Map.Entry<IndicatorPopulation, List<Indicators.Compiled>> e : byPopulation.entrySet()) {
            List<Indicators.Compiled> list = e.getValue();
            Set<String> groupColumns = new LinkedHashSet<>();
            list.forEach(c -> {
                if (c.definition().groupBy() != null) {
                    groupColumns.add(c.definition().groupBy());
                }
            });
            StringBuilder sql = new StringBuilder("select p.household_id, p.village_code, p.persons");
            for (String g : groupColumns) {
                sql.append(", p.").append(g);
            }
            for (int i = 0; i < list.size(); i++) {
                sql.append(", (")
                        .append(list.get(i).filterSql())
                        .append(") as f")
                        .append(i);
                sql.append(", (")
                        .append(list.get(i).conditionSql())
                        .append(") as c")
                        .append(i);
            }
            sql.append(" from (").append(rows(e.getKey())).append(") p order by p.household_id");
            List<Tally> ts = list.stream()
                    .map(c -> tallies.computeIfAbsent(c.definition().code(), k -> new Tally(c)))
                    .toList();
            named.query(sql.toString(), binds, (ResultSet rs) -> {
                long id = rs.getLong(1);
                String village = rs.getString(2);
                long persons = rs.getLong(3);
                for (int i = 0; i < ts.size(); i++) {
                    ts.get(i).add(rs, i, id, village, persons, against);
                }
            });
        }
        List<IndicatorResult> results = new ArrayList<>();
        for (Indicators.IndicatorDefinition d : active) {
            results.add(tallies.get(d.code()).result(rural, values));
        }
        return new Computed(results, against);
    }

    /** One indicator's counts as the rows stream past. */
    private static final class Tally {
        final Indicators.Compiled compiled;
        final Sampling.FrameHash hash = new Sampling.FrameHash();
        long numerator;
        long denominator;
        int rows;
        /** Groups in their natural order, risk ages as the statistics order them. */
        final Map<String, long[]> groups = new TreeMap<>(Comparator.comparingInt((String g) -> {
                    int i = RegistryFigures.RISK_AGES.indexOf(g);
                    return i < 0 ? Integer.MAX_VALUE : i;
                })
                .thenComparing(Comparator.naturalOrder()));

        Tally(Indicators.Compiled compiled) {
            this.compiled = compiled;
        }

        void add(ResultSet rs, int i, long id, String village, long persons, List<Against> against)
                throws SQLException {
            Indicators.IndicatorDefinition d = compiled.definition();
            if (!Boolean.TRUE.equals(rs.getObject("f" + i))) {
                return;
            }
            boolean meets = Boolean.TRUE.equals(rs.getObject("c" + i));
            long unit = d.counts() == IndicatorUnit.PERSONS ? persons : 1;
            rows++;
            hash.add(d.code(), id);
            denominator += unit;
            if (meets) {
                numerator += unit;
            }
            String group = d.groupBy() == null ? null : rs.getString(d.groupBy());
            if (d.groupBy() != null) {
                long[] g = groups.computeIfAbsent(group == null ? "" : group, k -> new long[2]);
                g[1] += unit;
                if (meets) {
                    g[0] += unit;
                }
            }
            boolean counted = d.direction() == IndicatorDirection.AT_LEAST ? !meets : meets;
            if (counted) {
                against.add(new Against(d.code(), id, village, group));
            }
        }

        IndicatorResult result(Integer rural, Map<String, PolicyParameters.Value> values) {
            Indicators.IndicatorDefinition d = compiled.definition();
            Long base = d.denominator() == IndicatorBase.RURAL_POPULATION
                    ? (rural == null ? null : rural.longValue())
                    : Long.valueOf(denominator);
            BigDecimal threshold = null;
            if (d.thresholdKey() != null && values.containsKey(d.thresholdKey())) {
                threshold = values.get(d.thresholdKey()).value();
            }
            BigDecimal rate = share(numerator, base);
            Boolean met = null;
            if (rate != null && threshold != null && d.direction() != null) {
                // the exact fraction: numerator/base ≤ threshold ⇔ numerator ≤ threshold × base
                int c = BigDecimal.valueOf(numerator).compareTo(threshold.multiply(BigDecimal.valueOf(base)));
                met = d.direction() == IndicatorDirection.AT_MOST ? c <= 0 : c >= 0;
            }
            List<IndicatorGroup> gs = new ArrayList<>();
            groups.forEach((k, v) -> gs.add(new IndicatorGroup(k, v[0], v[1], share(v[0], v[1]))));
            Map<String, Object> inputs = new LinkedHashMap<>(compiled.used());
            if (d.thresholdKey() != null) {
                inputs.put(d.thresholdKey(), threshold);
            }
            if (d.denominator() == IndicatorBase.RURAL_POPULATION) {
                inputs.put("rural_population", rural);
            }
            return new IndicatorResult(
                    d.code(),
                    d.nameZh(),
                    d.nameEn(),
                    d.area(),
                    d.hard(),
                    d.counts(),
                    d.denominator(),
                    numerator,
                    base,
                    rate,
                    threshold,
                    d.direction(),
                    met,
                    gs,
                    rows,
                    hash.hex(),
                    Indicators.audit(d),
                    inputs);
        }
    }

    private static BigDecimal share(long numerator, Long base) {
        return base == null || base == 0
                ? null
                : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(base), 4, RoundingMode.HALF_UP);
    }

    /** Computes a plan's county and keeps the figures, their inputs and the households against each. */
    List<IndicatorResult> freeze(long planId, String county, LocalDate from, LocalDate asOf) {
        Computed c = computeWithHouseholds(county, from, asOf);
        for (IndicatorResult r : c.results()) {
            jdbc.sql("""
                            insert into scorecard_indicator (plan_id, county_code, indicator_code, ordinal, definition,
                                inputs, numerator, denominator, threshold, met, groups, population_size,
                                population_hash)
                            values (?, ?, ?, (select ordinal from indicator where code = ?), ?::jsonb, ?::jsonb, ?, ?,
                                    ?, ?, ?::jsonb, ?, ?)""")
                    .params(
                            planId,
                            county,
                            r.code(),
                            r.code(),
                            json.writeValueAsString(r.definition()),
                            json.writeValueAsString(r.inputs()),
                            r.numerator(),
                            r.denominator(),
                            r.threshold(),
                            r.met(),
                            json.writeValueAsString(r.groups()),
                            r.populationSize(),
                            r.populationHash())
                    .update();
        }
        Map<String, List<Against>> byIndicator = new HashMap<>();
        c.against()
                .forEach(a -> byIndicator
                        .computeIfAbsent(a.indicator(), k -> new ArrayList<>())
                        .add(a));
        byIndicator.forEach((code, list) -> {
            for (int i = 0; i < list.size(); i += 10_000) {
                List<Against> chunk = list.subList(i, Math.min(list.size(), i + 10_000));
                jdbc.sql("""
                                insert into scorecard_household (plan_id, county_code, indicator_code, household_id,
                                    village_code, group_value)
                                select ?, ?, ?, h, v, g from unnest(?::bigint[], ?::varchar[], ?::text[]) as t(h, v, g)""")
                        .params(
                                planId,
                                county,
                                code,
                                chunk.stream().map(Against::householdId).toArray(Long[]::new),
                                chunk.stream().map(Against::villageCode).toArray(String[]::new),
                                chunk.stream().map(Against::group).toArray(String[]::new))
                        .update();
            }
        });
        return c.results();
    }

    /** A plan's kept figures for one county, in the indicators' order (empty before it was scored). */
    List<IndicatorResult> frozen(long planId, String county) {
        return jdbc.sql("select * from scorecard_indicator where plan_id = ? and county_code = ? order by ordinal,"
                        + " indicator_code")
                .params(planId, county)
                .query((rs, i) -> frozenResult(rs))
                .list();
    }

    private IndicatorResult frozenResult(ResultSet rs) throws SQLException {
        Map<String, Object> def =
                json.readValue(rs.getString("definition"), new TypeReference<Map<String, Object>>() {});
        Map<String, Object> inputs =
                json.readValue(rs.getString("inputs"), new TypeReference<Map<String, Object>>() {});
        List<IndicatorGroup> groups =
                json.readValue(rs.getString("groups"), new TypeReference<List<IndicatorGroup>>() {});
        long numerator = rs.getLong("numerator");
        Long denominator = (Long) rs.getObject("denominator");
        String direction = (String) def.get("direction");
        return new IndicatorResult(
                rs.getString("indicator_code"),
                (String) def.get("nameZh"),
                (String) def.get("nameEn"),
                IndicatorArea.valueOf((String) def.get("area")),
                Boolean.TRUE.equals(def.get("hard")),
                IndicatorUnit.valueOf((String) def.get("counts")),
                IndicatorBase.valueOf((String) def.get("denominator")),
                numerator,
                denominator,
                share(numerator, denominator),
                rs.getBigDecimal("threshold"),
                direction == null ? null : IndicatorDirection.valueOf(direction),
                (Boolean) rs.getObject("met"),
                groups,
                rs.getInt("population_size"),
                rs.getString("population_hash"),
                def,
                inputs);
    }

    /** The households that count against one frozen indicator of a plan's county, by village and id. */
    List<Against> against(long planId, String county, String indicator, int limit) {
        return jdbc.sql("""
                        select indicator_code, household_id, village_code, group_value from scorecard_household
                        where plan_id = ? and county_code = ? and indicator_code = ?
                        order by village_code, household_id limit ?""")
                .params(planId, county, indicator, limit)
                .query((rs, i) -> new Against(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** Today in the platform's zone. */
    LocalDate today() {
        return LocalDate.now(clock);
    }
}
