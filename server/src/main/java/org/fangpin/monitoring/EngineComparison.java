package org.fangpin.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.fangpin.common.lake.Lake;
import org.fangpin.monitoring.internal.DuckDbEngine;
import org.fangpin.monitoring.internal.MonitoringEngine;
import org.fangpin.monitoring.internal.MonitoringSql;
import org.fangpin.monitoring.internal.PassInfo;
import org.fangpin.monitoring.internal.RunPasses;
import org.fangpin.monitoring.internal.RunTables;
import org.fangpin.monitoring.internal.SparkEngine;
import org.fangpin.registry.RegistrySnapshot;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two monitoring engines side by side on the same lake files (issue 24, ADR 0031): a run's plan as of a day —
 * every province's rules compiled, the flagged households, then their sources — run by DuckDB in process and by the
 * Spark job, each timed, and the rows one wrote that the other did not counted. For the benchmark ({@code bench
 * monitor --spark-classpath …}) and for deciding to move a province; creates no alerts.
 */
@Service
public class EngineComparison {

    /** Where and how the Spark job runs: {@code local[N]} with Spark's jars from {@code classpathFile}, its heap. */
    public record SparkSetup(String master, Path jobJar, Path classpathFile, String memory) {}

    /** One engine's run of the plan: its time (with the job's start, for Spark) and the rows of each step. */
    public record Timing(String engine, long millis, List<Long> rows) {}

    /** Both engines' runs, in the order run, and the rows of either's results missing from the other's. */
    public record Comparison(List<Timing> runs, long differences) {}

    private final Lake lake;
    private final RegistrySnapshot snapshot;
    private final RunTables runTables;
    private final RunPasses planner;
    private final DuckDbEngine duckdb;
    private final JsonMapper json;

    EngineComparison(
            Lake lake,
            RegistrySnapshot snapshot,
            RunTables runTables,
            RunPasses planner,
            DuckDbEngine duckdb,
            JsonMapper json) {
        this.lake = lake;
        this.snapshot = snapshot;
        this.runTables = runTables;
        this.planner = planner;
        this.duckdb = duckdb;
        this.json = json;
    }

    /**
     * The plan both engines run: the households every pass flags as of {@code asOf} and the sources of all of them
     * (not only of new alerts), written under {@code out} as {@code flagged.parquet} and {@code sources.parquet}.
     */
    public static List<MonitoringEngine.Step> steps(LocalDate asOf, List<PassInfo> passes, Path out) {
        return List.of(
                new MonitoringEngine.Step(
                        "flagged", MonitoringSql.flagged(asOf, RunPasses.sql(passes)), out.resolve("flagged.parquet")),
                new MonitoringEngine.Step(
                        "sources", RunPasses.sourcesSql(asOf, passes, false), out.resolve("sources.parquet")));
    }

    /** Runs the plan as of {@code asOf} on each engine {@code rounds} times (alternating), and compares the last. */
    public Comparison compare(LocalDate asOf, SparkSetup spark, int rounds) {
        return compare(asOf, spark, rounds, engine -> {});
    }

    /** The same, telling {@code starting} each engine's name as its run starts (e.g. to measure each apart). */
    public Comparison compare(LocalDate asOf, SparkSetup spark, int rounds, Consumer<String> starting) {
        snapshot.refresh();
        List<PassInfo> passes = planner.plan(asOf, null, Map.of());
        MonitoringEngine sparkEngine = SparkEngine.local(
                spark.jobJar(), spark.classpathFile(), spark.master(), spark.memory(), lake.root(), json);
        Path base = lake.dir("monitoring", "compare", UUID.randomUUID().toString());
        MonitoringEngine[] engines = {duckdb, sparkEngine};
        Path[] outs = {base.resolve("duckdb"), base.resolve("spark")};
        List<Timing> timings = new ArrayList<>();
        snapshot.read().lock();
        try {
            List<MonitoringEngine.Table> tables = runTables.of(Instant.now());
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < engines.length; i++) {
                    Files.createDirectories(outs[i]);
                    starting.accept(engines[i].name());
                    long start = System.nanoTime();
                    MonitoringEngine.Result result =
                            engines[i].execute(new MonitoringEngine.Plan(tables, steps(asOf, passes, outs[i])));
                    timings.add(new Timing(engines[i].name(), (System.nanoTime() - start) / 1_000_000, result.rows()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            snapshot.read().unlock();
        }
        long differences = 0;
        for (String step : List.of("flagged.parquet", "sources.parquet")) {
            differences += missing(outs[0].resolve(step), outs[1].resolve(step))
                    + missing(outs[1].resolve(step), outs[0].resolve(step));
        }
        return new Comparison(timings, differences);
    }

    /** Rows of {@code a} not in {@code b}, as many times as they occur. */
    private long missing(Path a, Path b) {
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from (select * from read_parquet(" + Lake.literal(a)
                        + ") except all select * from read_parquet(" + Lake.literal(b) + "))")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare " + a + " with " + b + ": " + e.getMessage(), e);
        }
    }
}
