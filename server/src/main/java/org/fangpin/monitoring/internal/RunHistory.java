package org.fangpin.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.MonitoringRuns.Kind;
import org.fangpin.monitoring.MonitoringRuns.Run;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads runs as recorded ({@code monitoring_run}), each as the caller may see it. */
@Component
public class RunHistory {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final JsonMapper json;

    RunHistory(JdbcClient jdbc, DataScope dataScope, JsonMapper json) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.json = json;
    }

    /** The most recent runs (at most 200), as the caller may see them ({@link #get}). */
    public List<Run> list(int limit) {
        List<Run> runs = jdbc.sql("select * from monitoring_run order by started_at desc limit ?")
                .param(Math.max(1, Math.min(limit, 200)))
                .query((rs, i) -> run(rs))
                .list();
        if (wholeProvince(dataScope.current())) {
            return runs;
        }
        // a part of the province: every run's own numbers, in two statements for the whole list
        InScope counted = inScope(
                runs.stream().filter(r -> r.kind() == Kind.RUN).map(Run::id).toList());
        return runs.stream().map(r -> forCaller(r, counted)).toList();
    }

    /**
     * A run as the caller may see it: whole for the system and province-wide users. A user of a part of the
     * province sees their own region's numbers only — a run's new alerts and rules counted from its alerts in
     * their region, a what-if's rows of their counties and townships — and none of the province-wide totals.
     */
    public Run get(UUID id) {
        Run r = jdbc.sql("select * from monitoring_run where id = ?")
                .param(id)
                .query((rs, i) -> run(rs))
                .optional()
                .orElseThrow(() -> ApiException.notFound("monitoring.run.not-found", id));
        if (wholeProvince(dataScope.current())) {
            return r;
        }
        return forCaller(r, inScope(r.kind() == Kind.RUN ? List.of(r.id()) : List.of()));
    }

    private static boolean wholeProvince(DataScope.Scope scope) {
        return scope instanceof DataScope.Scope.System
                || (scope instanceof DataScope.Scope.Subtree sub && sub.region().level() == RegionLevel.PROVINCE);
    }

    /** The alerts of runs in the caller's region: how many per run, and per rule. */
    private record InScope(Map<UUID, Long> alerts, Map<UUID, Map<String, Long>> rules) {}

    private InScope inScope(List<UUID> runIds) {
        Map<UUID, Long> alerts = new HashMap<>();
        Map<UUID, Map<String, Long>> rules = new HashMap<>();
        if (runIds.isEmpty()) {
            return new InScope(alerts, rules);
        }
        Map<String, Object> p = new HashMap<>();
        String inScope = dataScope.current().condition("village_code", p);
        p.put("runs", runIds.toArray(UUID[]::new));
        jdbc.sql("select run_id, rule, count(*) from alert, unnest(rules) rule where run_id = any(:runs) and " + inScope
                        + " group by run_id, rule order by rule")
                .params(p)
                .query(rs -> {
                    rules.computeIfAbsent(rs.getObject(1, UUID.class), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                });
        jdbc.sql("select run_id, count(*) from alert where run_id = any(:runs) and " + inScope + " group by run_id")
                .params(p)
                .query(rs -> {
                    alerts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return new InScope(alerts, rules);
    }

    private Run forCaller(Run r, InScope counted) {
        DataScope.Scope scope = dataScope.current();
        Long alertCount = null;
        var summary = json.createObjectNode();
        if (r.kind() == Kind.RUN) {
            alertCount = counted.alerts().getOrDefault(r.id(), 0L);
            var rules = summary.putObject("rules");
            counted.rules().getOrDefault(r.id(), Map.of()).forEach(rules::put);
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
