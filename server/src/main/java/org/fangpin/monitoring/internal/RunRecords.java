package org.fangpin.monitoring.internal;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.lake.Lake;
import org.fangpin.monitoring.MonitoringRuns;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's record ({@code monitoring_run}): started, then succeeded with the rule sets, parameter values and
 * inputs it used and what it found, or failed with the reason; and keeps the result files of the most recent runs
 * only ({@code fangpin.monitoring.keep-results}).
 */
@Component
public class RunRecords {

    private final JdbcClient jdbc;
    private final Lake lake;
    private final MonitoringEngine engine;
    private final JsonMapper json;
    private final int keepResults;

    RunRecords(
            JdbcClient jdbc,
            Lake lake,
            MonitoringEngine engine,
            JsonMapper json,
            @Value("${fangpin.monitoring.keep-results:30}") int keepResults) {
        this.keepResults = Math.max(1, keepResults);
        this.jdbc = jdbc;
        this.lake = lake;
        this.engine = engine;
        this.json = json;
    }

    /** Records a run as RUNNING; answers its start time, the cutoff for the feed batches it reads. */
    public Instant start(UUID id, MonitoringRuns.Kind kind, LocalDate asOf, String startedBy) {
        return jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, ?,"
                        + " 'RUNNING', ?, ?, ?) returning started_at")
                .params(id, kind.name(), asOf, engine.name(), startedBy)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    /**
     * Records a run as SUCCEEDED: its duration since {@code start} ({@link System#nanoTime()}), the passes' rule
     * sets and values, its inputs, counts ({@code created} and {@code suppressed} null for a what-if), digest and
     * summary.
     */
    public void succeeded(
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

    /** Records a run as FAILED: its duration since {@code start} ({@link System#nanoTime()}) and the reason. */
    public void failed(UUID id, long start, RuntimeException e) {
        jdbc.sql("update monitoring_run set status = 'FAILED', finished_at = now(), duration_ms = ?, error = ?"
                        + " where id = ?")
                .params((System.nanoTime() - start) / 1_000_000, String.valueOf(e.getMessage()), id)
                .update();
    }

    /** Keeps the result files of the most recent runs ({@code fangpin.monitoring.keep-results}); older go. */
    public void keepRecentResults(UUID id, Path flagged) {
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
}
