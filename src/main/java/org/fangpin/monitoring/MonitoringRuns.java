package org.fangpin.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.duckdb.DuckDBConnection;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.internal.AlertWriter;
import org.fangpin.monitoring.internal.Indicator;
import org.fangpin.monitoring.internal.MonitoringEngine;
import org.fangpin.monitoring.internal.MonitoringSql;
import org.fangpin.monitoring.internal.PassInfo;
import org.fangpin.monitoring.internal.RuleExpression;
import org.fangpin.monitoring.internal.RuleSets;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.RegistrySnapshot;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 监测运行: turns the registry snapshot and the department feeds into risk alerts. Each province's households are
 * judged by the rule set and parameters in force for that province on the run's date; the engine computes the
 * indicators and fired rules; {@link AlertWriter} turns what fired into explained, deduplicated alerts. A run
 * records who, when, which rule sets and parameter values, which feed batches, counts and duration, and a digest
 * of its result: the same inputs give the same digest.
 *
 * <p>A what-if run (模拟测算) evaluates a draft rule set and/or changed parameters beside the rules in force, on the
 * same data, creates no alerts, and records the difference by region, category and rule.
 */
@Service
public class MonitoringRuns {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRuns.class);

    private final JdbcClient jdbc;
    private final Lake lake;
    private final RegistrySnapshot snapshot;
    private final FeedBatches feeds;
    private final RuleSets ruleSets;
    private final PolicyParameters parameters;
    private final MonitoringEngine engine;
    private final AlertWriter alerts;
    private final Actor.Current actor;
    private final DataScope dataScope;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final int keepResults;

    private final PolicyPeriods periods;

    private final RegionDirectory regions;

    MonitoringRuns(
            JdbcClient jdbc,
            Lake lake,
            RegistrySnapshot snapshot,
            FeedBatches feeds,
            RuleSets ruleSets,
            PolicyParameters parameters,
            PolicyPeriods periods,
            MonitoringEngine engine,
            AlertWriter alerts,
            Actor.Current actor,
            DataScope dataScope,
            RegionDirectory regions,
            AuditLog audit,
            JsonMapper json,
            Clock clock,
            @Value("${fangpin.monitoring.keep-results:30}") int keepResults) {
        this.keepResults = Math.max(1, keepResults);
        this.regions = regions;
        this.periods = periods;
        this.jdbc = jdbc;
        this.lake = lake;
        this.snapshot = snapshot;
        this.feeds = feeds;
        this.ruleSets = ruleSets;
        this.parameters = parameters;
        this.engine = engine;
        this.alerts = alerts;
        this.actor = actor;
        this.dataScope = dataScope;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    public enum Kind {
        RUN,
        WHAT_IF
    }

    /** A run as recorded. JSON columns are passed through as parsed trees. */
    public record Run(
            UUID id,
            Kind kind,
            String status,
            LocalDate asOf,
            String engine,
            Instant startedAt,
            String startedBy,
            Instant finishedAt,
            Long durationMs,
            Object ruleSets,
            Object inputs,
            Long households,
            Long flagged,
            Long alerts,
            Long suppressed,
            String resultDigest,
            Object summary,
            String error) {}

    /** What a what-if run changes: a draft rule set (optional) and parameter values (optional). */
    public record WhatIf(LocalDate asOf, UUID draftRuleSet, Map<String, BigDecimal> parameters) {}

    /** A monitoring run as of a date (default today): alerts are created. */
    public Run run(LocalDate asOf) {
        return execute(asOf == null ? LocalDate.now(clock) : asOf, Kind.RUN, null, Map.of());
    }

    /** A what-if run: nothing but the run record and its comparison is written. */
    public Run whatIf(WhatIf request) {
        LocalDate asOf = request.asOf() == null ? LocalDate.now(clock) : request.asOf();
        RuleSets.RuleSet draft = request.draftRuleSet() == null ? null : ruleSets.get(request.draftRuleSet());
        Map<String, BigDecimal> overrides = request.parameters() == null ? Map.of() : request.parameters();
        var known = parameters.definitions().stream()
                .map(PolicyParameters.Definition::key)
                .collect(Collectors.toSet());
        for (String k : overrides.keySet()) {
            if (!known.contains(k)) {
                throw ApiException.notFound("monitoring.parameter.not-found", k);
            }
        }
        if (draft == null && overrides.isEmpty()) {
            throw ApiException.badRequest("monitoring.what-if.nothing");
        }
        return execute(asOf, Kind.WHAT_IF, draft, overrides);
    }

    /** The most recent runs, as the caller may see them ({@link #get}). */
    public List<Run> list(int limit) {
        return jdbc
                .sql("select * from monitoring_run order by started_at desc limit ?")
                .param(Math.max(1, Math.min(limit, 200)))
                .query((rs, i) -> run(rs))
                .list()
                .stream()
                .map(this::forCaller)
                .toList();
    }

    /**
     * A run as the caller may see it: whole for the system and province-wide users. A user of a part of the
     * province sees their own region's numbers only — a run's new alerts and rules counted from its alerts in
     * their region, a what-if's rows of their counties and townships — and none of the province-wide totals.
     */
    public Run get(UUID id) {
        return forCaller(jdbc.sql("select * from monitoring_run where id = ?")
                .param(id)
                .query((rs, i) -> run(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("monitoring.run.not-found", id)));
    }

    private Run forCaller(Run r) {
        DataScope.Scope scope = dataScope.current();
        if (scope instanceof DataScope.Scope.System
                || (scope instanceof DataScope.Scope.Subtree sub && sub.region().level() == RegionLevel.PROVINCE)) {
            return r;
        }
        Long alertCount = null;
        var summary = json.createObjectNode();
        if (r.kind() == Kind.RUN) {
            Map<String, Object> p = new HashMap<>();
            String inScope = scope.condition("village_code", p);
            p.put("run", r.id());
            alertCount = jdbc.sql("select count(*) from alert where run_id = :run and " + inScope)
                    .params(p)
                    .query(Long.class)
                    .single();
            var rules = summary.putObject("rules");
            jdbc.sql("select rule, count(*) from alert, unnest(rules) rule where run_id = :run and " + inScope
                            + " group by rule order by rule")
                    .params(p)
                    .query((rs, i) -> rules.put(rs.getString(1), rs.getLong(2)))
                    .list();
        } else if (r.summary() instanceof JsonNode whole) {
            for (String part : List.of("byCounty", "byTownship")) {
                var rows = summary.putArray(part);
                if (whole.has(part)) {
                    whole.get(part).forEach(n -> {
                        if (scope.covers(n.get("key").asString())) {
                            rows.add(n);
                        }
                    });
                }
            }
        }
        return new Run(
                r.id(),
                r.kind(),
                r.status(),
                r.asOf(),
                r.engine(),
                r.startedAt(),
                r.startedBy(),
                r.finishedAt(),
                r.durationMs(),
                r.ruleSets(),
                r.inputs(),
                null,
                null,
                alertCount,
                null,
                r.resultDigest(),
                summary,
                r.error());
    }

    private Run execute(LocalDate asOf, Kind kind, RuleSets.RuleSet draft, Map<String, BigDecimal> overrides) {
        UUID id = UUID.randomUUID();
        String by = actor.get().map(Actor::username).orElse("system");
        Instant cutoff = jdbc.sql(
                        "insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, ?,"
                                + " 'RUNNING', ?, ?, ?) returning started_at")
                .params(id, kind.name(), asOf, engine.name(), by)
                .query(Timestamp.class)
                .single()
                .toInstant();
        long start = System.nanoTime();
        Path dir = lake.dir("monitoring", "runs", id.toString());
        try {
            RegistrySnapshot.Refresh refresh = snapshot.refresh();
            List<PassInfo> active = passes(asOf, null, Map.of());
            List<PassInfo> passes = kind == Kind.WHAT_IF ? passes(asOf, draft, overrides) : active;
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("registrySnapshot", refresh.asOf().toString());
            // under which policy period(s) the run decided
            inputs.put("policyPeriods", periods.inForce(asOf));
            List<MonitoringEngine.Table> tables = new ArrayList<>();
            Map<String, Object> feedInputs = new LinkedHashMap<>();
            snapshot.read().lock();
            try {
                tables.add(new MonitoringEngine.Table(
                        "household", snapshot.householdFiles(), RegistrySnapshot.HOUSEHOLD_COLUMNS, false));
                tables.add(new MonitoringEngine.Table(
                        "person", snapshot.personFiles(), RegistrySnapshot.PERSON_COLUMNS, false));
                for (FeedType t : FeedType.values()) {
                    List<FeedBatches.BatchFile> files = feeds.receivedBy(t, cutoff);
                    tables.add(new MonitoringEngine.Table(
                            MonitoringSql.table(t),
                            files.stream().map(FeedBatches.BatchFile::file).toList(),
                            feedColumns(t, files.isEmpty()),
                            true));
                    if (!files.isEmpty()) {
                        Map<String, Object> f = new LinkedHashMap<>();
                        f.put("batches", files.size());
                        f.put(
                                "rows",
                                files.stream()
                                        .mapToLong(FeedBatches.BatchFile::rows)
                                        .sum());
                        f.put("firstPeriod", files.get(0).period().toString());
                        f.put(
                                "lastPeriod",
                                files.stream()
                                        .map(FeedBatches.BatchFile::period)
                                        .max(Comparator.naturalOrder())
                                        .orElseThrow()
                                        .toString());
                        f.put(
                                "batchIds",
                                files.stream().map(b -> b.batchId().toString()).toList());
                        feedInputs.put(t.name(), f);
                    }
                }
                inputs.put("feeds", feedInputs);
                List<MonitoringEngine.Step> steps = new ArrayList<>();
                Path flagged = dir.resolve("flagged.parquet");
                Path sources = dir.resolve("sources.parquet");
                Path baseline = dir.resolve("baseline.parquet");
                MonitoringEngine.Step sourcesStep = null;
                if (!passes.isEmpty()) {
                    steps.add(new MonitoringEngine.Step("flagged", MonitoringSql.flagged(asOf, sql(passes)), flagged));
                    if (kind == Kind.RUN) {
                        int lookback = passes.stream()
                                .mapToInt(p -> p.values().get("lookback_months").intValue())
                                .max()
                                .orElse(12);
                        int region = passes.stream()
                                .mapToInt(p -> Math.max(
                                        p.values().get("disaster_window_months").intValue(),
                                        p.values().get("epidemic_window_months").intValue()))
                                .max()
                                .orElse(12);
                        sourcesStep = new MonitoringEngine.Step(
                                "sources", MonitoringSql.sources(asOf, lookback, region, true), sources);
                    } else if (!active.isEmpty()) {
                        steps.add(new MonitoringEngine.Step(
                                "baseline", MonitoringSql.flagged(asOf, sql(active)), baseline));
                    }
                }
                List<MonitoringEngine.Step> planned = new ArrayList<>(steps);
                if (sourcesStep != null) {
                    planned.add(sourcesStep);
                }
                writePlan(dir.resolve("plan.sql"), planned);
                MonitoringEngine.Result result = steps.isEmpty()
                        ? new MonitoringEngine.Result(List.of(), 0)
                        : engine.execute(new MonitoringEngine.Plan(tables, steps));
                log.info("Monitoring run {} ({}): engine {} ms, steps {}", id, kind, result.millis(), result.rows());
                long households =
                        snapshot.state().map(RegistrySnapshot.State::households).orElse(0L);
                long flaggedCount = result.rows().isEmpty() ? 0 : result.rows().get(0);
                if (kind == Kind.RUN) {
                    // the digest is taken while the alerts are written: the result is read once
                    MonitoringEngine.Step step = sourcesStep;
                    AlertWriter.Outcome outcome = steps.isEmpty()
                            ? new AlertWriter.Outcome(0, 0, Map.of(), AlertWriter.EMPTY_DIGEST)
                            : alerts.write(
                                    id,
                                    asOf,
                                    refresh.asOf(),
                                    passes,
                                    flagged,
                                    fresh -> sourcesOf(fresh, tables, flagged, dir.resolve("fresh.parquet"), step));
                    finish(
                            id,
                            start,
                            passes,
                            inputs,
                            households,
                            flaggedCount,
                            outcome.created(),
                            outcome.suppressed(),
                            outcome.digest(),
                            Map.of("rules", outcome.byRule(), "engineMillis", result.millis()));
                    if (!steps.isEmpty()) {
                        keepRecentResults(id, flagged);
                    }
                } else {
                    Map<String, Object> diff = new LinkedHashMap<>();
                    if (!steps.isEmpty() && !active.isEmpty()) {
                        diff.putAll(alerts.compare(flagged, baseline, passes, active, dataScope.current()));
                    }
                    diff.put("engineMillis", result.millis());
                    String digest = steps.isEmpty() ? AlertWriter.EMPTY_DIGEST : alerts.digest(flagged);
                    finish(id, start, passes, inputs, households, flaggedCount, null, null, digest, diff);
                }
            } finally {
                snapshot.read().unlock();
            }
            audit.record(
                    kind == Kind.RUN ? "MONITORING_RUN" : "MONITORING_WHAT_IF",
                    "monitoring_run",
                    id.toString(),
                    Map.of("asOf", asOf.toString()));
            return get(id);
        } catch (RuntimeException e) {
            jdbc.sql("update monitoring_run set status = 'FAILED', finished_at = now(), duration_ms = ?, error = ?"
                            + " where id = ?")
                    .params((System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()), id)
                    .update();
            log.error("Monitoring run {} failed", id, e);
            Lake.deleteTree(dir); // a failed run leaves no result behind
            throw e;
        } finally {
            if (kind == Kind.WHAT_IF) {
                Lake.deleteTree(dir);
            }
        }
    }

    private void finish(
            UUID id,
            long start,
            List<PassInfo> passes,
            Map<String, Object> inputs,
            long households,
            long flagged,
            Long created,
            Long suppressed,
            String digest,
            Map<String, ?> summary) {
        List<Map<String, Object>> sets = new ArrayList<>();
        for (PassInfo p : passes) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("provinces", p.provinces());
            s.put("ruleSetId", p.ruleSet().id().toString());
            s.put("version", p.ruleSet().version());
            s.put("name", p.ruleSet().name());
            s.put("status", p.ruleSet().status().name());
            Map<String, Object> values = new LinkedHashMap<>();
            p.values().forEach((k, v) -> values.put(k, v.toPlainString()));
            s.put("parameters", values);
            sets.add(s);
        }
        jdbc.sql("update monitoring_run set status = 'SUCCEEDED', finished_at = now(), duration_ms = :ms,"
                        + " rule_sets = cast(:sets as jsonb), inputs = cast(:inputs as jsonb), households = :households,"
                        + " flagged = :flagged, alerts = :alerts, suppressed = :suppressed, result_digest = :digest,"
                        + " summary = cast(:summary as jsonb) where id = :id")
                .param("ms", (System.nanoTime() - start) / 1_000_000)
                .param("sets", json.writeValueAsString(sets))
                .param("inputs", json.writeValueAsString(inputs))
                .param("households", households)
                .param("flagged", flagged)
                .param("alerts", created)
                .param("suppressed", suppressed)
                .param("digest", digest)
                .param("summary", json.writeValueAsString(summary))
                .param("id", id)
                .update();
    }

    /** Keeps the result files of the most recent runs ({@code fangpin.monitoring.keep-results}); older go. */
    private void keepRecentResults(UUID id, Path flagged) {
        jdbc.sql("update monitoring_run set result_path = ? where id = ?")
                .params(flagged.toString(), id)
                .update();
        List<String> old = jdbc.sql("select id::text from monitoring_run where kind = 'RUN' and result_path is not null"
                        + " order by started_at desc offset ?")
                .param(keepResults)
                .query(String.class)
                .list();
        for (String o : old) {
            Lake.deleteTree(lake.dir("monitoring", "runs", o));
            jdbc.sql("update monitoring_run set result_path = null where id = ?::uuid")
                    .param(o)
                    .update();
        }
    }

    /**
     * Groups the provinces by the rule set and parameter values in force for them (a draft replaces the set of its
     * own province, or the national set where that applies); each group is one pass of the engine.
     */
    private List<PassInfo> passes(LocalDate asOf, RuleSets.RuleSet draft, Map<String, BigDecimal> overrides) {
        List<String> provinces =
                regions.atLevel(RegionLevel.PROVINCE).stream().map(Region::code).toList();
        Map<String, RuleExpression.Type> vocabulary = ruleSets.vocabulary();
        Map<String, PassInfo> groups = new LinkedHashMap<>();
        for (String province : provinces) {
            Optional<RuleSets.RuleSet> inForce = ruleSets.inForce(province, asOf);
            Optional<RuleSets.RuleSet> set = inForce;
            if (draft != null
                    && (province.equals(draft.provinceCode())
                            || (draft.provinceCode() == null
                                    && inForce.map(r -> r.provinceCode() == null)
                                            .orElse(true)))) {
                set = Optional.of(draft);
            }
            if (set.isEmpty()) {
                log.warn(
                        "No rule set in force for province {} on {}: its households are not evaluated", province, asOf);
                continue;
            }
            Map<String, PolicyParameters.Value> resolved = parameters.resolve(province, asOf);
            Map<String, BigDecimal> values = new LinkedHashMap<>();
            resolved.forEach((k, v) -> values.put(k, v.value()));
            values.putAll(overrides);
            String key = set.get().id() + "|" + values;
            PassInfo existing = groups.get(key);
            if (existing != null) {
                existing.provinces().add(province.substring(0, 2));
                continue;
            }
            Map<String, RuleExpression> compiled = new LinkedHashMap<>();
            for (RuleSets.Rule r : set.get().rules()) {
                compiled.put(r.code(), RuleExpression.parse(r.expression(), vocabulary));
                for (String ident : compiled.get(r.code()).identifiers()) {
                    if (Indicator.byId(ident).isEmpty() && !values.containsKey(ident)) {
                        throw new IllegalStateException(
                                "parameter " + ident + " has no value for province " + province + " on " + asOf);
                    }
                }
            }
            List<String> ps = new ArrayList<>();
            ps.add(province.substring(0, 2));
            groups.put(key, new PassInfo(groups.size(), ps, set.get(), resolved, values, compiled));
        }
        return List.copyOf(groups.values());
    }

    private static List<MonitoringSql.Pass> sql(List<PassInfo> passes) {
        List<MonitoringSql.Pass> out = new ArrayList<>();
        for (PassInfo p : passes) {
            String filter = passes.size() == 1
                    ? "village_code IS NOT NULL"
                    : "SUBSTR(village_code, 1, 2) IN ('" + String.join("', '", p.provinces()) + "')";
            out.add(new MonitoringSql.Pass(filter, p.values(), p.rules(), String.valueOf(p.index())));
        }
        return out;
    }

    /** The compiled SQL of each step, kept beside the run's results: what exactly ran can always be read. */
    private static void writePlan(Path file, List<MonitoringEngine.Step> steps) {
        StringBuilder b = new StringBuilder();
        for (MonitoringEngine.Step s : steps) {
            b.append("-- step ").append(s.name()).append('\n').append(s.sql()).append(";\n\n");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A feed table's columns when it has no batch yet. */
    /** The sources step over the flagged households that get a new alert (the facts' contributing batches). */
    private Path sourcesOf(
            Set<Long> fresh,
            List<MonitoringEngine.Table> tables,
            Path flagged,
            Path freshFile,
            MonitoringEngine.Step step) {
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement()) {
            st.execute("create table fresh (household_id bigint)");
            try (var app = ((DuckDBConnection) duck).createAppender(DuckDBConnection.DEFAULT_SCHEMA, "fresh")) {
                for (long h : fresh) {
                    app.beginRow();
                    app.append(h);
                    app.endRow();
                }
            }
            st.execute("copy fresh to " + Lake.literal(freshFile) + " (format parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the fresh households: " + e.getMessage(), e);
        }
        List<MonitoringEngine.Table> withResults = new ArrayList<>(tables);
        withResults.add(new MonitoringEngine.Table(
                "flagged", List.of(flagged), "household_id BIGINT, household_no VARCHAR, village_code VARCHAR", false));
        withResults.add(new MonitoringEngine.Table("fresh", List.of(freshFile), "household_id BIGINT", false));
        MonitoringEngine.Result r = engine.execute(new MonitoringEngine.Plan(withResults, List.of(step)));
        log.info(
                "Monitoring run: sources of the {} households with a new alert, {} rows in {} ms",
                fresh.size(),
                r.rows().get(0),
                r.millis());
        return step.output();
    }

    /**
     * A feed table's columns: for an empty feed every column any query mentions, so that queries still bind; else
     * the feed's own (those of its latest schema version that older files lack then read as null).
     */
    private static String feedColumns(FeedType t, boolean empty) {
        StringBuilder b = new StringBuilder("batch_id VARCHAR, line BIGINT, period DATE");
        for (FeedColumn c : empty ? List.of(FeedColumn.values()) : t.columns()) {
            b.append(", ").append(c.column()).append(' ').append(c.kind().sqlType());
        }
        return b.toString();
    }

    private Run run(ResultSet rs) throws SQLException {
        return new Run(
                rs.getObject("id", UUID.class),
                Kind.valueOf(rs.getString("kind")),
                rs.getString("status"),
                rs.getObject("as_of", LocalDate.class),
                rs.getString("engine"),
                rs.getTimestamp("started_at").toInstant(),
                rs.getString("started_by"),
                rs.getTimestamp("finished_at") == null
                        ? null
                        : rs.getTimestamp("finished_at").toInstant(),
                (Long) rs.getObject("duration_ms"),
                tree(rs.getString("rule_sets")),
                tree(rs.getString("inputs")),
                (Long) rs.getObject("households"),
                (Long) rs.getObject("flagged"),
                (Long) rs.getObject("alerts"),
                (Long) rs.getObject("suppressed"),
                rs.getString("result_digest"),
                tree(rs.getString("summary")),
                rs.getString("error"));
    }

    private Object tree(String text) {
        return text == null ? null : json.readTree(text);
    }
}
