package org.fangpin.monitoring.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.duckdb.DuckDBConnection;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.MonitoringRuns.Kind;
import org.fangpin.monitoring.PolicyPeriods;
import org.fangpin.region.DataScope;
import org.fangpin.registry.RegistrySnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries out a run whose record has been started: refreshes the registry snapshot, plans the passes, gathers the
 * input tables (the snapshot's households and persons, each feed's batches received before the run started), runs
 * the engine's steps (their SQL kept beside the results as {@code plan.sql}), then writes the alerts (a run) or
 * compares with the rules in force (a what-if), and records the run as succeeded.
 */
@Component
public class RunExecution {

    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);

    private final Lake lake;
    private final RegistrySnapshot snapshot;
    private final FeedBatches feeds;
    private final PolicyPeriods periods;
    private final MonitoringEngine engine;
    private final AlertWriter alerts;
    private final DataScope dataScope;
    private final RunPasses planner;
    private final RunRecords records;
    private final RunTables runTables;

    RunExecution(
            Lake lake,
            RegistrySnapshot snapshot,
            FeedBatches feeds,
            PolicyPeriods periods,
            MonitoringEngine engine,
            AlertWriter alerts,
            DataScope dataScope,
            RunPasses planner,
            RunRecords records,
            RunTables runTables) {
        this.lake = lake;
        this.snapshot = snapshot;
        this.feeds = feeds;
        this.periods = periods;
        this.engine = engine;
        this.alerts = alerts;
        this.dataScope = dataScope;
        this.planner = planner;
        this.records = records;
        this.runTables = runTables;
    }

    /**
     * Runs {@code id} as of {@code asOf} over the feed batches received by {@code cutoff}, its results in {@code
     * dir}; {@code start} is its {@link System#nanoTime()} at the start. A what-if evaluates {@code draft} (null:
     * the rule sets in force) with {@code overrides} (empty: the values in force) beside the rules in force.
     */
    public void execute(
            UUID id,
            Kind kind,
            LocalDate asOf,
            Instant cutoff,
            long start,
            Path dir,
            RuleSets.RuleSet draft,
            Map<String, BigDecimal> overrides) {
        RegistrySnapshot.Refresh refresh = snapshot.refresh();
        List<PassInfo> active = planner.plan(asOf, null, Map.of());
        List<PassInfo> passes = kind == Kind.WHAT_IF ? planner.plan(asOf, draft, overrides) : active;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("registrySnapshot", refresh.asOf().toString());
        // under which policy period(s) the run decided
        inputs.put("policyPeriods", periods.inForce(asOf));
        List<MonitoringEngine.Table> tables = new ArrayList<>();
        Map<String, Object> feedInputs = new LinkedHashMap<>();
        snapshot.read().lock();
        try {
            tables.addAll(runTables.of(cutoff));
            for (FeedType t : FeedType.values()) {
                List<FeedBatches.BatchFile> files = feeds.receivedBy(t, cutoff);
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
                steps.add(new MonitoringEngine.Step(
                        "flagged", MonitoringSql.flagged(asOf, RunPasses.sql(passes)), flagged));
                if (kind == Kind.RUN) {
                    sourcesStep =
                            new MonitoringEngine.Step("sources", RunPasses.sourcesSql(asOf, passes, true), sources);
                } else if (!active.isEmpty()) {
                    steps.add(new MonitoringEngine.Step(
                            "baseline", MonitoringSql.flagged(asOf, RunPasses.sql(active)), baseline));
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
                records.succeeded(
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
                    records.keepRecentResults(id, flagged);
                }
            } else {
                Map<String, Object> diff = new LinkedHashMap<>();
                if (!steps.isEmpty() && !active.isEmpty()) {
                    diff.putAll(alerts.compare(flagged, baseline, passes, active, dataScope.current()));
                }
                diff.put("engineMillis", result.millis());
                String digest = steps.isEmpty() ? AlertWriter.EMPTY_DIGEST : alerts.digest(flagged);
                records.succeeded(id, start, passes, inputs, households, flaggedCount, null, null, digest, diff);
            }
        } finally {
            snapshot.read().unlock();
        }
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
}
