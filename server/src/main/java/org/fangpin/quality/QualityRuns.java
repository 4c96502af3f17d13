package org.fangpin.quality;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.expression.Conditions;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.monitoring.LakeReader;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * A data-quality run: every active check over the whole registry as of a day — the lake's checks in one query on the
 * batch engine, the database's in one query in PostgreSQL, each condition evaluated where the facts are, with the
 * parameter values in force for each province — then, in one transaction, the issues brought up to date: a
 * household found for the first time opens an issue for its village; one the village said was fixed and still found
 * opens again; a live issue no longer found is closed. Explained issues and false positives stay as the village
 * left them while found. A run that fails leaves the issues as they were.
 */
@Service
public class QualityRuns {

    /** A run as recorded: how many households each check found, and what became of the issues. */
    public record QualityRun(
            long id,
            LocalDate asOf,
            String startedBy,
            Instant startedAt,
            Instant finishedAt,
            Map<String, Integer> found,
            int flagged,
            int opened,
            int reopened,
            int closed,
            long lakeMillis,
            long databaseMillis) {}

    /** One check's finding on one household (none: on its village as a whole), with the facts it was found on. */
    record Found(String check, Long householdId, String villageCode, String facts) {}

    private static final int CHUNK = 10_000;

    /** {@code work_mem} of a run's transaction. */
    public static final String AGGREGATE_MEMORY = "256MB";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;
    private final QualityChecks checks;
    private final LakeReader lake;
    private final PolicyParameters parameters;
    private final RegionDirectory regions;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Messages messages;
    private final Clock clock;

    QualityRuns(
            JdbcClient jdbc,
            NamedParameterJdbcTemplate named,
            QualityChecks checks,
            LakeReader lake,
            PolicyParameters parameters,
            RegionDirectory regions,
            Actor.Current actor,
            ApplicationEventPublisher events,
            JsonMapper json,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.named = named;
        this.checks = checks;
        this.lake = lake;
        this.parameters = parameters;
        this.regions = regions;
        this.actor = actor;
        this.events = events;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    /** Runs every active check as of a day (none: today); 422 for a day to come. One run at a time. */
    @Transactional
    public QualityRun run(LocalDate asOf) {
        LocalDate today = LocalDate.now(clock);
        LocalDate day = asOf == null ? today : asOf;
        if (day.isAfter(today)) {
            throw ApiException.invalid("asOf", messages.get("quality.run.future"));
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('quality_run'))")
                .query()
                .listOfRows();
        // the database's checks group whole tables by hash: room to do it in memory rather than in batches on disk
        jdbc.sql("set local work_mem = '" + AGGREGATE_MEMORY + "'").update();
        String user = actor.username();
        long runId = jdbc.sql("insert into quality_run (as_of, started_by) values (?, ?) returning id")
                .params(day, user)
                .query(Long.class)
                .single();
        List<QualityChecks.QualityCheck> active = checks.list().stream()
                .filter(QualityChecks.QualityCheck::active)
                .toList();
        List<Found> found = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        active.forEach(c -> counts.put(c.code(), 0));
        long lakeMillis = 0;
        long databaseMillis = 0;
        for (QualitySource source : QualitySource.values()) {
            List<QualityChecks.QualityCheck> these =
                    active.stream().filter(c -> c.source() == source).toList();
            if (these.isEmpty()) {
                continue;
            }
            String sql = sql(source, these, day);
            LakeReader.Rows rows = rs -> {
                for (int k = 0; k < these.size(); k++) {
                    String facts = rs.getString("c" + k);
                    if (facts != null) {
                        String code = these.get(k).code();
                        long id = rs.getLong("household_id");
                        Long household = rs.wasNull() ? null : id;
                        found.add(new Found(code, household, rs.getString("village_code"), facts));
                        counts.merge(code, 1, Integer::sum);
                    }
                }
            };
            if (source.onLake()) {
                lakeMillis = lake.read(Instant.now(clock), sql, rows);
            } else {
                long start = System.nanoTime();
                Map<String, Object> binds = new HashMap<>();
                binds.put("low", RegionCode.CodeRange.ALL.low());
                binds.put("high", RegionCode.CodeRange.ALL.high());
                binds.put("asOf", day);
                binds.put(
                        "stableMonths",
                        parameters
                                .resolve(null, day)
                                .get("elimination_stable_months")
                                .value()
                                .intValue());
                named.query(sql, binds, (ResultSet rs) -> {
                    rows.row(rs);
                });
                databaseMillis += (System.nanoTime() - start) / 1_000_000;
            }
        }
        int[] outcome = reconcile(runId, found);
        jdbc.sql("""
                        update quality_run set finished_at = now(), checks = ?::jsonb, flagged = ?, opened = ?,
                            reopened = ?, closed = ?, lake_ms = ?, database_ms = ? where id = ?""")
                .params(
                        json.writeValueAsString(counts),
                        found.size(),
                        outcome[0],
                        outcome[1],
                        outcome[2],
                        lakeMillis,
                        databaseMillis,
                        runId)
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("asOf", day.toString());
        after.put("found", counts);
        after.put("opened", outcome[0]);
        after.put("reopened", outcome[1]);
        after.put("closed", outcome[2]);
        events.publishEvent(new AuditableChange("quality_run", Long.toString(runId), "QUALITY_RUN", null, after, null));
        return get(runId);
    }

    /**
     * The query a run sends to a source for its active checks as of a day: each household found by any of them, with
     * per check ({@code c0, c1, …} in the checks' order) the facts its condition names as a JSON object where it
     * found the household, null where not — built by the engine, so that the platform only passes them on.
     */
    @Transactional(readOnly = true)
    public String sql(QualitySource source, LocalDate day) {
        return sql(
                source,
                checks.list().stream()
                        .filter(c -> c.active() && c.source() == source)
                        .toList(),
                day);
    }

    private String sql(QualitySource source, List<QualityChecks.QualityCheck> these, LocalDate day) {
        StringBuilder sql = new StringBuilder("select * from (select f.household_id, f.village_code");
        for (int i = 0; i < these.size(); i++) {
            StringJoiner facts = new StringJoiner(", ");
            for (String column : columns(these.get(i), source)) {
                facts.add(source.onLake() ? column + " := f." + column : "'" + column + "', f." + column);
            }
            String object = source.onLake()
                    ? "cast(to_json(struct_pack(" + facts + ")) as varchar)"
                    : "json_build_object(" + facts + ")::text";
            sql.append(", case when coalesce(")
                    .append(condition(these.get(i), day))
                    .append(", false) then ")
                    .append(object)
                    .append(" end as c")
                    .append(i);
        }
        sql.append(" from (").append(source.facts(day, lines(day))).append(") f) x where ");
        for (int i = 0; i < these.size(); i++) {
            sql.append(i > 0 ? " or " : "").append("c").append(i).append(" is not null");
        }
        return sql.toString();
    }

    /** Each province's monitoring line and the band just above it on a day, and the national ones (key {@code ""}). */
    private Map<String, QualitySource.Line> lines(LocalDate day) {
        Map<String, QualitySource.Line> lines = new LinkedHashMap<>();
        lines.put("", line(parameters.resolve(null, day)));
        for (Region p : regions.atLevel(RegionLevel.PROVINCE)) {
            lines.put(p.code().substring(0, 2), line(parameters.resolve(p.code(), day)));
        }
        return lines;
    }

    private static QualitySource.Line line(Map<String, PolicyParameters.Value> values) {
        return new QualitySource.Line(
                values.get(PolicyParameters.MONITORING_LINE).value(),
                values.get("at_line_band").value());
    }

    /** The facts a check's condition names, in order. */
    private List<String> columns(QualityChecks.QualityCheck c, QualitySource source) {
        Set<String> keys = new LinkedHashSet<>();
        parameters.definitions().forEach(d -> keys.add(d.key()));
        return RuleExpression.parse(c.condition(), Conditions.vocabulary(keys, source.columns())).identifiers().stream()
                .filter(source.columns()::containsKey)
                .toList();
    }

    /**
     * A check's condition for every province: the same SQL when the parameters it names have the same values
     * everywhere, else one branch per province whose values differ from the national ones.
     */
    private String condition(QualityChecks.QualityCheck c, LocalDate day) {
        Conditions.Compiled national = checks.compile(c, parameters.resolve(null, day));
        StringBuilder cases = new StringBuilder();
        for (Region p : regions.atLevel(RegionLevel.PROVINCE)) {
            Conditions.Compiled own = checks.compile(c, parameters.resolve(p.code(), day));
            if (!own.sql().equals(national.sql())) {
                cases.append(" when substr(f.village_code, 1, 2) = '")
                        .append(p.code(), 0, 2)
                        .append("' then (")
                        .append(own.sql())
                        .append(')');
            }
        }
        return cases.isEmpty() ? "(" + national.sql() + ")" : "(case" + cases + " else (" + national.sql() + ") end)";
    }

    /** Brings the issues up to date with what the run found: {opened, reopened, closed}. */
    private int[] reconcile(long runId, List<Found> found) {
        jdbc.sql("""
                        create temporary table quality_found (check_code varchar(32), household_id bigint,
                            village_code varchar(12), facts jsonb,
                            subject text generated always as (coalesce(household_id::text, 'V' || village_code)) stored)
                        on commit drop""").update();
        for (int i = 0; i < found.size(); i += CHUNK) {
            List<Found> chunk = found.subList(i, Math.min(found.size(), i + CHUNK));
            jdbc.sql("""
                            insert into quality_found (check_code, household_id, village_code, facts)
                            select c, h, v, f::jsonb
                            from unnest(?::varchar[], ?::bigint[], ?::varchar[], ?::text[]) as t(c, h, v, f)""")
                    .params(
                            chunk.stream().map(Found::check).toArray(String[]::new),
                            chunk.stream().map(Found::householdId).toArray(Long[]::new),
                            chunk.stream().map(Found::villageCode).toArray(String[]::new),
                            chunk.stream().map(Found::facts).toArray(String[]::new))
                    .update();
        }
        jdbc.sql("create index on quality_found (check_code, subject)").update();
        jdbc.sql("analyze quality_found").update();
        int reopened = jdbc.sql("""
                        update quality_issue q set state = 'OPEN', reopened = q.reopened + 1, last_run = ?,
                            facts = f.facts, village_code = f.village_code, version = q.version + 1
                        from quality_found f
                        where q.check_code = f.check_code and q.subject = f.subject and q.state = 'FIXED'""").param(runId).update();
        jdbc.sql("""
                        update quality_issue q set last_run = ?, facts = f.facts, village_code = f.village_code
                        from quality_found f
                        where q.check_code = f.check_code and q.subject = f.subject
                          and q.state in ('OPEN', 'EXPLAINED', 'FALSE_POSITIVE') and q.last_run <> ?""").params(runId, runId).update();
        int closed = jdbc.sql("""
                        update quality_issue q set state = 'CLOSED', closed_run = ?, version = q.version + 1
                        where q.state in ('OPEN', 'FIXED', 'EXPLAINED', 'FALSE_POSITIVE')
                          and not exists (select 1 from quality_found f
                                          where f.check_code = q.check_code and f.subject = q.subject)""").param(runId).update();
        int opened = jdbc.sql("""
                        insert into quality_issue (check_code, household_id, village_code, state, facts, first_run,
                            last_run)
                        select f.check_code, f.household_id, f.village_code, 'OPEN', f.facts, ?, ?
                        from quality_found f
                        where not exists (select 1 from quality_issue q
                                          where q.check_code = f.check_code and q.subject = f.subject
                                            and q.state in ('OPEN', 'FIXED', 'EXPLAINED', 'FALSE_POSITIVE'))""").params(runId, runId).update();
        return new int[] {opened, reopened, closed};
    }

    /** The runs, newest first. */
    @Transactional(readOnly = true)
    public List<QualityRun> list(int limit) {
        return jdbc.sql("select * from quality_run order by id desc limit ?")
                .param(Math.max(1, Math.min(limit, 200)))
                .query(this::runRow)
                .list();
    }

    @Transactional(readOnly = true)
    public QualityRun get(long id) {
        return jdbc.sql("select * from quality_run where id = ?")
                .param(id)
                .query(this::runRow)
                .optional()
                .orElseThrow(() -> ApiException.notFound("quality.run.not-found", id));
    }

    private QualityRun runRow(ResultSet rs, int i) throws SQLException {
        Map<String, Integer> found = new LinkedHashMap<>();
        json.readTree(rs.getString("checks"))
                .properties()
                .forEach(e -> found.put(e.getKey(), e.getValue().asInt()));
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new QualityRun(
                rs.getLong("id"),
                rs.getObject("as_of", LocalDate.class),
                rs.getString("started_by"),
                rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(),
                found,
                rs.getInt("flagged"),
                rs.getInt("opened"),
                rs.getInt("reopened"),
                rs.getInt("closed"),
                rs.getLong("lake_ms"),
                rs.getLong("database_ms"));
    }
}
