package org.fangpin.monitoring.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
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
