package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a run's flagged households into alerts (预警线索), each with the facts that explain it: the indicators
 * computed, the parameter values the fired rules used, and the feed batches the facts came from
 * ({@link AlertExplanations} words them when the alert is read). Deduplicated: a rule already covered by an open alert of the household (new, assigned, confirmed or handed
 * to case work), or dismissed within the quiet period, does not alert again; a household already monitored is
 * alerted only for rules that apply to monitored households and whose cause it does not already carry. All alerts
 * of a run are written in one transaction, with COPY.
 */
@Component
public class AlertWriter {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    public static final String EMPTY_DIGEST = HexFormat.of().formatHex(sha256().digest());

    /** Statuses in which an alert still covers its rules. */
    static final List<String> OPEN = List.of("NEW", "ASSIGNED", "CONFIRMED", "HANDED");

    private final Lake lake;
    private final DataSource dataSource;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final PolicyParameters parameters;

    AlertWriter(
            Lake lake,
            DataSource dataSource,
            PlatformTransactionManager tm,
            JsonMapper json,
            PolicyParameters parameters) {
        this.lake = lake;
        this.dataSource = dataSource;
        this.tx = new TransactionTemplate(tm);
        this.json = json;
        this.parameters = parameters;
    }

    public record Outcome(long created, long suppressed, Map<String, Long> byRule, String digest) {}

    /** SHA-256 over the run's (household, rules) pairs in household order (a run's own is taken by {@link #write}). */
    public String digest(Path flagged) {
        MessageDigest md = sha256();
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select household_id, rules from read_parquet(" + Lake.literal(flagged)
                        + ") order by household_id")) {
            while (rs.next()) {
                digest(md, rs.getLong(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read run result: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void digest(MessageDigest md, long household, String rules) {
        md.update((household + ":" + rules + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What covers a household's rules already: open alerts, and dismissed or closed ones still in their quiet
     * period. A rule that fires is fresh when nothing covers it (and, for a household already monitored, when it
     * applies to monitored households and names a cause not yet recorded).
     * {@code covered}: each household's rules under its open alerts, comma-separated.
     */
    record Dedupe(Map<Long, String> covered, Map<Long, Map<String, Instant>> dismissed) {

        /** {@code riskCauses}: the household's recorded causes, comma-separated. */
        List<RuleSets.Rule> fresh(
                long household,
                PassInfo pass,
                boolean monitored,
                String riskCauses,
                String rules,
                Instant now,
                int quietDays) {
            String open = covered.get(household);
            Map<String, Instant> decided = dismissed.get(household);
            List<RuleSets.Rule> fresh = new ArrayList<>();
            for (String code : rules.split(",")) {
                RuleSets.Rule rule = pass.ruleSet()
                        .rule(code)
                        .orElseThrow(() -> new IllegalStateException(
                                "rule " + code + " not in set " + pass.ruleSet().id()));
                boolean skip = listed(open, code)
                        || (monitored
                                && (!rule.appliesToMonitored()
                                        || listed(riskCauses, rule.cause().name())));
                Instant d = decided == null ? null : decided.get(code);
                if (d != null && d.plusSeconds(86_400L * quietDays).isAfter(now)) {
                    skip = true;
                }
                if (!skip) {
                    fresh.add(rule);
                }
            }
            return fresh;
        }
    }

    /** Whether a comma-separated list (or null) has {@code item} as one of its entries. */
    static boolean listed(String list, String item) {
        if (list == null) {
            return false;
        }
        for (int at = list.indexOf(item); at >= 0; at = list.indexOf(item, at + 1)) {
            int end = at + item.length();
            if ((at == 0 || list.charAt(at - 1) == ',') && (end == list.length() || list.charAt(end) == ',')) {
                return true;
            }
        }
        return false;
    }

    private static Dedupe dedupe(Statement st) throws SQLException {
        Map<Long, String> covered = new HashMap<>();
        try (ResultSet rs = st.executeQuery("select household_id, array_to_string(rules, ',') from alert where"
                + " status in ('" + String.join("', '", OPEN) + "')")) {
            while (rs.next()) {
                covered.merge(rs.getLong(1), rs.getString(2), (a, b) -> a + "," + b);
            }
        }
        Map<Long, Map<String, Instant>> dismissed = new HashMap<>();
        // dismissed and closed alerts: their rules stay quiet for a while after the decision
        try (ResultSet rs = st.executeQuery("select household_id, unnest(rules), coalesce(closed_at,"
                + " decided_at) from alert where status in ('DISMISSED', 'CLOSED') and coalesce(closed_at,"
                + " decided_at) > now() - interval '3 years'")) {
            while (rs.next()) {
                dismissed
                        .computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .merge(rs.getString(2), rs.getTimestamp(3).toInstant(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return new Dedupe(covered, dismissed);
    }

    /**
     * The run's flagged households read once, in household order: those that get a new alert with the rules it is
     * for (only their facts need sources), how many get none, and the run's digest.
     */
    private record Fresh(Map<Long, List<RuleSets.Rule>> households, long suppressed, String digest) {}

    private Fresh fresh(Dedupe dedupe, List<PassInfo> passes, Path flagged, Instant now) throws SQLException {
        Map<Long, List<RuleSets.Rule>> out = new HashMap<>();
        long suppressed = 0;
        int[] quietDays = new int[passes.size()];
        for (PassInfo pass : passes) {
            BigDecimal days = pass.values().get("dismissal_quiet_days");
            quietDays[pass.index()] = days == null ? 0 : days.intValue();
        }
        MessageDigest md = sha256();
        try (Connection duck = lake.duckdb();
                Statement ds = duck.createStatement();
                ResultSet rows =
                        ds.executeQuery("select household_id, rule_set, monitoring_state, risk_causes, rules from"
                                + " read_parquet(" + Lake.literal(flagged) + ") order by household_id")) {
            while (rows.next()) {
                long household = rows.getLong(1);
                String rules = rows.getString(5);
                digest(md, household, rules);
                PassInfo pass = passes.get(Integer.parseInt(rows.getString(2)));
                boolean monitored = MonitoringState.MONITORED.name().equals(rows.getString(3));
                List<RuleSets.Rule> fresh = dedupe.fresh(
                        household, pass, monitored, rows.getString(4), rules, now, quietDays[pass.index()]);
                if (fresh.isEmpty()) {
                    suppressed++;
                } else {
                    out.put(household, fresh);
                }
            }
        }
        return new Fresh(out, suppressed, HexFormat.of().formatHex(md.digest()));
    }

    /**
     * Writes the run's new alerts. Under the lock that keeps runs from writing at once, it decides which flagged
     * households get a new alert, asks {@code sourcesFor} for the sources of their facts (the feeds are read a
     * second time for those households only: a day's run usually has few or none), and writes them explained.
     */
    public Outcome write(
            UUID runId,
            LocalDate asOf,
            Instant registryAsOf,
            List<PassInfo> passes,
            Path flagged,
            Function<Set<Long>, Path> sourcesFor) {
        Map<String, PolicyParameters.Definition> definitions = new HashMap<>();
        parameters.definitions().forEach(d -> definitions.put(d.key(), d));
        return tx.execute(status -> {
            Connection pg = DataSourceUtils.getConnection(dataSource);
            try (Statement st = pg.createStatement()) {
                // one run writes alerts at a time: deduplication reads what the previous one wrote
                st.execute("select pg_advisory_xact_lock(hashtext('monitoring-alerts'))");
                long t0 = System.nanoTime();
                Dedupe dedupe = dedupe(st);
                long t1 = System.nanoTime();
                Fresh decided = fresh(dedupe, passes, flagged, Instant.now());
                long t2 = System.nanoTime();
                Map<String, Long> byRule = new TreeMap<>();
                if (decided.households().isEmpty()) {
                    // a day's run in which nothing new fired: no sources to read, nothing to write
                    log.debug(
                            "Alerts of run {}: deduplication {} ms, fresh households {} ms, nothing new",
                            runId,
                            (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000);
                    return new Outcome(0, decided.suppressed(), byRule, decided.digest());
                }
                Path sources = sourcesFor.apply(decided.households().keySet());
                long t3 = System.nanoTime();
                long t4;
                List<Set<String>> computed =
                        passes.stream().map(PassInfo::computed).toList();
                long created = 0;
                AlertExplanations.StoredWriter facts =
                        new AlertExplanations.StoredWriter(json, asOf, registryAsOf, definitions);
                try (Connection duck = lake.duckdb();
                        Statement ds = duck.createStatement();
                        Statement ss = duck.createStatement();
                        CopyWriter copy = new CopyWriter(
                                pg,
                                "copy alert (run_id, household_id, household_no, village_code, status, severity,"
                                        + " suggested_category, causes, rules, explanation) from stdin")) {
                    ResultSet rows = ds.executeQuery("select " + String.join(", ", columnsRead(ds, flagged, computed))
                            + " from read_parquet(" + Lake.literal(flagged) + ") order by household_id");
                    // columns by position: the loop reads them for every source batch
                    ResultSet src = ss.executeQuery("select household_id, feed, batch_id, strftime(period, '%Y-%m'),"
                            + " rows_, amount from read_parquet(" + Lake.literal(sources)
                            + ") order by household_id, feed, period, batch_id");
                    boolean srcMore = src.next();
                    int[] columns = indicatorColumns(rows);
                    int householdCol = rows.findColumn("household_id");
                    while (rows.next()) {
                        long household = rows.getLong(householdCol);
                        List<RuleSets.Rule> fresh = decided.households().get(household);
                        if (fresh == null) {
                            continue;
                        }
                        List<Map<String, Object>> hhSources = new ArrayList<>();
                        while (srcMore && src.getLong(1) < household) {
                            srcMore = src.next();
                        }
                        while (srcMore && src.getLong(1) == household) {
                            Map<String, Object> s = new LinkedHashMap<>();
                            s.put("feed", FeedType.valueOf(src.getString(2)));
                            s.put("batchId", src.getString(3));
                            s.put("period", src.getString(4));
                            s.put("rows", src.getLong(5));
                            BigDecimal amount = src.getBigDecimal(6);
                            if (amount != null) {
                                s.put("amount", amount);
                            }
                            hhSources.add(s);
                            srcMore = src.next();
                        }
                        PassInfo pass = passes.get(Integer.parseInt(rows.getString("rule_set")));
                        boolean monitored = MonitoringState.MONITORED.name().equals(rows.getString("monitoring_state"));
                        Map<String, Object> indicators = indicators(rows, computed.get(pass.index()), columns);
                        RuleSets.Rule lead = fresh.stream()
                                .min(Comparator.comparing(RuleSets.Rule::severity))
                                .orElseThrow();
                        // the category follows from who the household is, not from its monitoring state: a 脱贫户
                        // at risk is 脱贫不稳定户, a 一般农户 边缘易致贫户
                        String category = monitored && rows.getString("monitoring_category") != null
                                ? rows.getString("monitoring_category")
                                : lead.category().equals(RuleSets.BY_STATUS)
                                        ? (HouseholdIdentity.EXITED.name().equals(rows.getString("identity"))
                                                ? MonitoringCategory.UNSTABLE.name()
                                                : MonitoringCategory.MARGINAL.name())
                                        : lead.category();
                        Set<String> alertCauses = new LinkedHashSet<>();
                        for (RuleSets.Rule r : fresh) {
                            alertCauses.add(r.cause().name());
                            byRule.merge(r.code(), 1L, Long::sum);
                        }
                        copy.field(runId.toString())
                                .field(household)
                                .field(rows.getString("household_no"))
                                .field(rows.getString("village_code"))
                                .field("NEW")
                                .field(lead.severity().name())
                                .field(category)
                                .field(array(alertCauses))
                                .field(array(
                                        fresh.stream().map(RuleSets.Rule::code).toList()))
                                .field(facts.write(pass, fresh, indicators, hhSources));
                        copy.endRow();
                        created++;
                    }
                    rows.close();
                    src.close();
                    t4 = System.nanoTime();
                }
                if (log.isDebugEnabled()) {
                    long t5 = System.nanoTime();
                    log.debug(
                            "Alerts of run {}: deduplication {} ms, fresh households {} ms, sources {} ms,"
                                    + " facts and copy {} ms, copy end {} ms",
                            runId,
                            (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000,
                            (t3 - t2) / 1_000_000,
                            (t4 - t3) / 1_000_000,
                            (t5 - t4) / 1_000_000);
                }
                return new Outcome(created, decided.suppressed(), byRule, decided.digest());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot write alerts: " + e.getMessage(), e);
            }
        });
    }

    /**
     * A what-if run against the rules in force: households flagged by each, and those added and removed, by
     * county, township and suggested category, and per rule — within the caller's data scope.
     */
    public Map<String, Object> compare(
            Path whatIf, Path baseline, List<PassInfo> passes, List<PassInfo> active, DataScope.Scope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        String scopeFilter = "true";
        if (scope instanceof DataScope.Scope.Subtree sub) {
            scopeFilter = "village_code between '" + sub.region().subtree().low() + "' and '"
                    + sub.region().subtree().high() + "'";
        } else if (scope instanceof DataScope.Scope.Nothing) {
            scopeFilter = "false";
        }
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement()) {
            st.execute(
                    "create view w as select * from read_parquet(" + Lake.literal(whatIf) + ") where " + scopeFilter);
            st.execute(
                    "create view b as select * from read_parquet(" + Lake.literal(baseline) + ") where " + scopeFilter);
            st.execute("create view j as select coalesce(w.household_id, b.household_id) as household_id,"
                    + " coalesce(w.village_code, b.village_code) as village_code,"
                    + " coalesce(w.status, b.status) as status, coalesce(w.identity, b.identity) as identity,"
                    + " coalesce(w.monitoring_state, b.monitoring_state) as monitoring_state,"
                    + " w.rules as w_rules, b.rules as b_rules"
                    + " from w full outer join b on w.household_id = b.household_id");
            String counts = "count(w_rules) as what_if, count(b_rules) as current,"
                    + " count(*) filter (where w_rules is not null and b_rules is null) as added,"
                    + " count(*) filter (where w_rules is null and b_rules is not null) as removed";
            out.put("total", rows(st, "select 'all' as key, " + counts + " from j"));
            out.put(
                    "byCounty",
                    rows(
                            st,
                            "select substr(village_code, 1, 6) || '000000' as key, " + counts
                                    + " from j group by 1 order by 1"));
            out.put(
                    "byTownship",
                    rows(
                            st,
                            "select substr(village_code, 1, 9) || '000' as key, " + counts
                                    + " from j group by 1 order by 1"));
            out.put("byIdentity", rows(st, "select identity as key, " + counts + " from j group by 1 order by 1"));
            out.put("byState", rows(st, "select monitoring_state as key, " + counts + " from j group by 1 order by 1"));
            // v1's one status, for clients that read it
            out.put("byStatus", rows(st, "select status as key, " + counts + " from j group by 1 order by 1"));
            out.put("byRule", rows(st, """
                    with wr as (select household_id, unnest(string_split(w_rules, ',')) as rule from j),
                         br as (select household_id, unnest(string_split(b_rules, ',')) as rule from j)
                    select coalesce(wr.rule, br.rule) as key, count(wr.rule) as what_if, count(br.rule) as current,
                      count(*) filter (where br.rule is null) as added, count(*) filter (where wr.rule is null) as removed
                    from wr full outer join br on wr.household_id = br.household_id and wr.rule = br.rule
                    group by 1 order by 1"""));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare what-if result: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Map<String, Object>> rows(Statement st, String sql) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", rs.getString("key"));
                m.put("whatIf", rs.getLong("what_if"));
                m.put("current", rs.getLong("current"));
                m.put("added", rs.getLong("added"));
                m.put("removed", rs.getLong("removed"));
                out.add(m);
            }
        }
        return out;
    }

    /** The result's columns an alert needs: the household's and the indicators some pass computed. */
    private static List<String> columnsRead(Statement ds, Path flagged, List<Set<String>> computed)
            throws SQLException {
        Set<String> wanted = new LinkedHashSet<>(List.of(
                "household_id",
                "household_no",
                "village_code",
                "rule_set",
                "identity",
                "monitoring_state",
                "monitoring_category",
                "risk_causes",
                "rules"));
        computed.forEach(wanted::addAll);
        List<String> present = new ArrayList<>();
        try (ResultSet rs = ds.executeQuery("select * from read_parquet(" + Lake.literal(flagged) + ") limit 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int c = 1; c <= md.getColumnCount(); c++) {
                if (wanted.contains(md.getColumnName(c))) {
                    present.add(md.getColumnName(c));
                }
            }
        }
        return present;
    }

    /** Each indicator's column in the run's result (by ordinal; 0 where the result has none). */
    private static int[] indicatorColumns(ResultSet rs) throws SQLException {
        Map<String, Integer> byName = new HashMap<>();
        ResultSetMetaData md = rs.getMetaData();
        for (int c = 1; c <= md.getColumnCount(); c++) {
            byName.put(md.getColumnName(c), c);
        }
        int[] columns = new int[Indicator.values().length];
        for (Indicator i : Indicator.values()) {
            columns[i.ordinal()] = byName.getOrDefault(i.id(), 0);
        }
        return columns;
    }

    /** The indicators the pass computed (the rules' and what they derive from), by name. */
    private static Map<String, Object> indicators(ResultSet rs, Set<String> computed, int[] columns)
            throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>(computed.size() * 2);
        for (Indicator i : Indicator.values()) {
            if (!computed.contains(i.id())) {
                continue;
            }
            Object v = rs.getObject(columns[i.ordinal()]);
            if (v instanceof Double d) {
                v = d.isNaN() || d.isInfinite()
                        ? null
                        : BigDecimal.valueOf(d).setScale(i.unit().equals("RATIO") ? 4 : 2, RoundingMode.HALF_UP);
            }
            m.put(i.id(), v);
        }
        return m;
    }

    private static String array(Collection<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> split(String rules) {
        return rules == null || rules.isEmpty() ? List.of() : Arrays.asList(rules.split(","));
    }
}
