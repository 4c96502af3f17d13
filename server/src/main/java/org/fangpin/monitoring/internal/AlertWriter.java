package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
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
import org.duckdb.DuckDBConnection;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.common.importing.InitialLoad;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * of a run are written in one transaction, with COPY: the lake's engine builds each alert's facts as JSON text (a
 * province's first run has ~480 k), and into an empty table (that first run) the indexes are built once after the
 * copy.
 */
@Component
public class AlertWriter {

    private static final Logger log = LoggerFactory.getLogger(AlertWriter.class);

    public static final String EMPTY_DIGEST = HexFormat.of().formatHex(sha256().digest());

    /** Statuses in which an alert still covers its rules. */
    static final List<String> OPEN = List.of("NEW", "ASSIGNED", "CONFIRMED", "HANDED");

    private final Lake lake;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final PolicyParameters parameters;

    AlertWriter(
            Lake lake,
            DataSource dataSource,
            JdbcClient jdbc,
            PlatformTransactionManager tm,
            JsonMapper json,
            PolicyParameters parameters) {
        this.lake = lake;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
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
     * What a household's new alert says besides its facts: the number of its explanation's shared head, the lead
     * severity, the suggested category, and its causes and rules as PostgreSQL array text.
     */
    private record Decision(int head, String severity, String category, String causes, String rules) {}

    /** What the lead rule of {@code fired} says (its category may be {@link RuleSets#BY_STATUS}), its causes and codes. */
    private static Decision decision(int head, List<RuleSets.Rule> fired) {
        RuleSets.Rule lead = fired.get(0);
        Set<String> causes = new LinkedHashSet<>();
        List<String> codes = new ArrayList<>(fired.size());
        for (RuleSets.Rule r : fired) {
            if (r.severity().compareTo(lead.severity()) < 0) {
                lead = r;
            }
            causes.add(r.cause().name());
            codes.add(r.code());
        }
        return new Decision(head, lead.severity().name(), lead.category(), array(causes), array(codes));
    }

    /**
     * The run's flagged households read once, in household order: those that get a new alert and what it says, how
     * many get none, how many alerts each rule gets, and the run's digest.
     */
    private record Fresh(Map<Long, Decision> households, long suppressed, Map<String, Long> byRule, String digest) {}

    private Fresh fresh(
            Dedupe dedupe, List<PassInfo> passes, Path flagged, Instant now, AlertExplanations.StoredWriter facts)
            throws SQLException {
        Map<Long, Decision> out = new HashMap<>();
        Map<Integer, Decision> byHead = new HashMap<>();
        Map<Integer, Map<String, Decision>> variants = new HashMap<>();
        Map<String, Long> byRule = new TreeMap<>();
        long suppressed = 0;
        int[] quietDays = new int[passes.size()];
        for (PassInfo pass : passes) {
            BigDecimal days = pass.values().get("dismissal_quiet_days");
            quietDays[pass.index()] = days == null ? 0 : days.intValue();
        }
        MessageDigest md = sha256();
        try (Connection duck = lake.duckdb();
                Statement ds = duck.createStatement();
                // what only a monitored household's alert reads is read for those alone: text costs most to fetch
                ResultSet rows = ds.executeQuery("select household_id, rule_set, monitoring_state = '"
                        + MonitoringState.MONITORED.name() + "' as monitored, case when monitoring_state = '"
                        + MonitoringState.MONITORED.name() + "' then risk_causes end, rules, identity = '"
                        + HouseholdIdentity.EXITED.name() + "' as exited, case when monitoring_state = '"
                        + MonitoringState.MONITORED.name() + "' then monitoring_category end from read_parquet("
                        + Lake.literal(flagged) + ") order by household_id")) {
            while (rows.next()) {
                long household = rows.getLong(1);
                String rules = rows.getString(5);
                digest(md, household, rules);
                PassInfo pass = passes.get(Integer.parseInt(rows.getString(2)));
                boolean monitored = rows.getBoolean(3);
                List<RuleSets.Rule> fresh = dedupe.fresh(
                        household, pass, monitored, rows.getString(4), rules, now, quietDays[pass.index()]);
                if (fresh.isEmpty()) {
                    suppressed++;
                    continue;
                }
                for (RuleSets.Rule r : fresh) {
                    byRule.merge(r.code(), 1L, Long::sum);
                }
                int head = facts.head(pass, fresh);
                // what follows from the fired rules alone is made once per head and shared by its alerts
                Decision same = byHead.computeIfAbsent(head, h -> decision(h, fresh));
                String category = monitored ? rows.getString(7) : null;
                // the category follows from who the household is, not from its monitoring state: a 脱贫户 at risk is
                // 脱贫不稳定户, a 一般农户 边缘易致贫户
                if (category == null) {
                    category = same.category().equals(RuleSets.BY_STATUS)
                            ? (rows.getBoolean(6)
                                    ? MonitoringCategory.UNSTABLE.name()
                                    : MonitoringCategory.MARGINAL.name())
                            : same.category();
                }
                out.put(
                        household,
                        category.equals(same.category())
                                ? same
                                : variants.computeIfAbsent(head, h -> new HashMap<>())
                                        .computeIfAbsent(
                                                category,
                                                c -> new Decision(
                                                        head, same.severity(), c, same.causes(), same.rules())));
            }
        }
        return new Fresh(out, suppressed, byRule, HexFormat.of().formatHex(md.digest()));
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
                AlertExplanations.StoredWriter facts =
                        new AlertExplanations.StoredWriter(json, asOf, registryAsOf, definitions);
                Fresh decided = fresh(dedupe, passes, flagged, Instant.now(), facts);
                long t2 = System.nanoTime();
                if (decided.households().isEmpty()) {
                    // a day's run in which nothing new fired: no sources to read, nothing to write
                    log.debug(
                            "Alerts of run {}: deduplication {} ms, fresh households {} ms, nothing new",
                            runId,
                            (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000);
                    return new Outcome(0, decided.suppressed(), decided.byRule(), decided.digest());
                }
                Path sources = sourcesFor.apply(decided.households().keySet());
                // a province's first run fills an empty table: its indexes are built once after the copy, not row by
                // row (inside this transaction: a failed run leaves them as they were). Its run key stays: dropping
                // it would lock the runs, whose progress pages read, until commit
                InitialLoad load = InitialLoad.prepare(jdbc, "alert");
                long t3 = System.nanoTime();
                long t4;
                long created = 0;
                try (Connection duck = lake.duckdb();
                        Statement ds = duck.createStatement();
                        CopyWriter copy = new CopyWriter(
                                pg,
                                "copy alert (run_id, household_id, household_no, village_code, status, severity,"
                                        + " suggested_category, causes, rules, explanation) from stdin")) {
                    decisions(duck, decided.households(), facts.heads());
                    List<String> heads = facts.heads().stream()
                            .map(AlertExplanations.StoredWriter.Head::json)
                            .toList();
                    String run = runId.toString();
                    try (ResultSet rows = ds.executeQuery(alertsSql(ds, passes, flagged, sources))) {
                        while (rows.next()) {
                            long household = rows.getLong(1);
                            Decision d = decided.households().get(household);
                            copy.field(run)
                                    .field(household)
                                    .field(rows.getString(2))
                                    .field(rows.getString(3))
                                    .field("NEW")
                                    .field(d.severity())
                                    .field(d.category())
                                    .field(d.causes())
                                    .field(d.rules())
                                    .field(heads.get(d.head()) + rows.getString(4));
                            copy.endRow();
                            created++;
                        }
                    }
                    t4 = System.nanoTime();
                }
                long t5 = System.nanoTime();
                if (created != decided.households().size()) {
                    throw new IllegalStateException("run " + runId + " decided "
                            + decided.households().size() + " new alerts but found " + created + " in its result");
                }
                load.finish();
                if (log.isDebugEnabled()) {
                    log.debug(
                            "Alerts of run {}: deduplication {} ms, fresh households {} ms, sources {} ms,"
                                    + " facts and copy {} ms, copy end {} ms, indexes {}",
                            runId,
                            (t1 - t0) / 1_000_000,
                            (t2 - t1) / 1_000_000,
                            (t3 - t2) / 1_000_000,
                            (t4 - t3) / 1_000_000,
                            (t5 - t4) / 1_000_000,
                            load.initial() ? (System.nanoTime() - t5) / 1_000_000 + " ms" : "kept");
                }
                return new Outcome(created, decided.suppressed(), decided.byRule(), decided.digest());
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

    /**
     * The households that get a new alert with their explanation's head ({@code decided}), and the feeds each head
     * keeps ({@code head_feed}), as tables on {@code duck} for {@link #alertsSql}.
     */
    private static void decisions(
            Connection duck, Map<Long, Decision> decided, List<AlertExplanations.StoredWriter.Head> heads)
            throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute("create table decided (household_id bigint, head integer)");
            st.execute("create table head_feed (head integer, feed varchar)");
        }
        DuckDBConnection d = (DuckDBConnection) duck;
        try (var app = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "decided")) {
            for (Map.Entry<Long, Decision> e : decided.entrySet()) {
                app.beginRow();
                app.append(e.getKey());
                app.append(e.getValue().head());
                app.endRow();
            }
        }
        try (var app = d.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "head_feed")) {
            for (int h = 0; h < heads.size(); h++) {
                for (FeedType feed : heads.get(h).feeds()) {
                    app.beginRow();
                    app.append(h);
                    app.append(feed.name());
                    app.endRow();
                }
            }
        }
    }

    /**
     * Each new alert's household number, village and its own part of the stored explanation, in household order:
     * the lake's engine joins the flagged households to their kept feed batches and writes the JSON.
     */
    private static String alertsSql(Statement ds, List<PassInfo> passes, Path flagged, Path sources)
            throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (ResultSet rs = ds.executeQuery("describe select * from read_parquet(" + Lake.literal(flagged) + ")")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return "with kept as (select s.household_id, " + AlertExplanations.sourcesSql() + " as sources"
                + " from read_parquet(" + Lake.literal(sources) + ") s"
                + " join decided d on d.household_id = s.household_id"
                + " join head_feed h on h.head = d.head and h.feed = s.feed::varchar"
                + " group by s.household_id)"
                + " select f.household_id, f.household_no, f.village_code, "
                + AlertExplanations.bodySql(passes, types)
                + " from read_parquet(" + Lake.literal(flagged) + ") f"
                + " join decided d on d.household_id = f.household_id"
                + " left join kept on kept.household_id = f.household_id"
                + " order by f.household_id";
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
