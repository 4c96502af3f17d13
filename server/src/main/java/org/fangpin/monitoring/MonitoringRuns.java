package org.fangpin.monitoring;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.internal.AlertWriter;
import org.fangpin.monitoring.internal.RuleSets;
import org.fangpin.monitoring.internal.RunExecution;
import org.fangpin.monitoring.internal.RunHistory;
import org.fangpin.monitoring.internal.RunRecords;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * 监测运行: turns the registry snapshot and the department feeds into risk alerts. Each province's households are
 * judged by the rule set and parameters in force for that province on the run's date; the engine computes the
 * indicators and fired rules; {@link AlertWriter} turns what fired into explained, deduplicated alerts. A run
 * records who, when, which rule sets and parameter values, which feed batches, counts and duration, and a digest
 * of its result: the same inputs give the same digest.
 *
 * <p>A what-if run (模拟测算) evaluates a draft rule set and/or changed parameters beside the rules in force, on the
 * same data, creates no alerts, and records the difference by region, category and rule.
 *
 * <p>This class checks requests and owns a run's course (record started, audited, failed); {@link RunExecution}
 * does the work, {@link RunRecords} writes the record and {@link RunHistory} reads runs back.
 */
@Service
public class MonitoringRuns {

    private static final Logger log = LoggerFactory.getLogger(MonitoringRuns.class);

    private final Lake lake;
    private final RuleSets ruleSets;
    private final PolicyParameters parameters;
    private final RunExecution execution;
    private final RunRecords records;
    private final RunHistory history;
    private final Actor.Current actor;
    private final AuditLog audit;
    private final Clock clock;

    MonitoringRuns(
            Lake lake,
            RuleSets ruleSets,
            PolicyParameters parameters,
            RunExecution execution,
            RunRecords records,
            RunHistory history,
            Actor.Current actor,
            AuditLog audit,
            Clock clock) {
        this.lake = lake;
        this.ruleSets = ruleSets;
        this.parameters = parameters;
        this.execution = execution;
        this.records = records;
        this.history = history;
        this.actor = actor;
        this.audit = audit;
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
        return history.list(limit);
    }

    /**
     * A run as the caller may see it: whole for the system and province-wide users. A user of a part of the
     * province sees their own region's numbers only — a run's new alerts and rules counted from its alerts in
     * their region, a what-if's rows of their counties and townships — and none of the province-wide totals.
     */
    public Run get(UUID id) {
        return history.get(id);
    }

    /**
     * A run's course: recorded as RUNNING, carried out, audited and read back; on any failure recorded as FAILED
     * with its results removed. A what-if keeps no result files.
     */
    private Run execute(LocalDate asOf, Kind kind, RuleSets.RuleSet draft, Map<String, BigDecimal> overrides) {
        UUID id = UUID.randomUUID();
        String by = actor.username();
        Instant cutoff = records.start(id, kind, asOf, by);
        long start = System.nanoTime();
        Path dir = lake.dir("monitoring", "runs", id.toString());
        try {
            execution.execute(id, kind, asOf, cutoff, start, dir, draft, overrides);
            audit.record(
                    kind == Kind.RUN ? "MONITORING_RUN" : "MONITORING_WHAT_IF",
                    "monitoring_run",
                    id.toString(),
                    Map.of("asOf", asOf.toString()));
            return get(id);
        } catch (RuntimeException e) {
            records.failed(id, start, e);
            log.error("Monitoring run {} failed", id, e);
            Lake.deleteTree(dir); // a failed run leaves no result behind
            throw e;
        } finally {
            if (kind == Kind.WHAT_IF) {
                Lake.deleteTree(dir);
            }
        }
    }
}
