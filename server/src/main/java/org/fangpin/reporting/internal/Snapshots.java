package org.fangpin.reporting.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 统计快照: the registry's figures at a month's end (and, each night, at yesterday's close) for the whole installation, computed once (in the database, from
 * the registry's read model, in a transaction of its own that sees one state of the data) and then only read. Two
 * requests for the same missing month compute it once: the second waits on that month's lock and finds it done.
 */
@Component
public class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    /** A frozen snapshot: its month-end day, when it was computed and how much it holds. */
    public record Snapshot(long id, LocalDate asOf, Instant computedAt, long cells, long transitions, long millis) {}

    private final JdbcClient jdbc;
    private final RegistryFigures figures;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final TransactionTemplate own;
    private final Clock clock;

    Snapshots(
            JdbcClient jdbc,
            RegistryFigures figures,
            RegionDirectory regions,
            PolicyParameters parameters,
            Actor.Current actor,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.regions = regions;
        this.parameters = parameters;
        this.actor = actor;
        this.own = new TransactionTemplate(transactions);
        // its own transaction: a request that fails afterwards does not undo it, and it holds its lock briefly
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    public Optional<Snapshot> find(LocalDate asOf) {
        return jdbc.sql("select * from stat_snapshot where as_of = ? and superseded_by is null")
                .param(asOf)
                .query(Snapshots::snapshot)
                .optional();
    }

    public List<Snapshot> list(int limit) {
        return jdbc.sql("select * from stat_snapshot where superseded_by is null order by as_of desc limit ?")
                .param(Math.max(1, Math.min(limit, 500)))
                .query(Snapshots::snapshot)
                .list();
    }

    /**
     * The snapshot of an ended day that is not a month's end — the close of yesterday, which the statistics of a
     * province or a city read for "today" (T+1) — computed now if there is none. Only the schedule asks for one, so no
     * user can make the platform store arbitrary days; {@link #prune} removes them after a week.
     */
    public Snapshot daily(LocalDate day) {
        if (!day.isBefore(LocalDate.now(clock))) {
            throw new IllegalArgumentException("a daily snapshot is of a day that has ended: " + day);
        }
        return findOrCompute(day);
    }

    /** Removes the daily snapshots older than {@code keepDays} (month ends, and any a report read, stay). */
    public int prune(int keepDays) {
        return jdbc.sql("""
                delete from stat_snapshot s
                where s.as_of < ? and s.as_of <> (date_trunc('month', s.as_of) + interval '1 month - 1 day')::date
                  and not exists (select 1 from report r where r.snapshot_id = s.id)
                  and not exists (select 1 from stat_snapshot x where x.superseded_by = s.id)""").param(LocalDate.now(clock).minusDays(keepDays)).update();
    }

    /** Whether figures of the day are frozen: the last day of a month that has ended. */
    public boolean freezes(LocalDate day) {
        return day.equals(YearMonth.from(day).atEndOfMonth()) && day.isBefore(LocalDate.now(clock));
    }

    /**
     * The snapshot of a month's last day (a month that has ended), computed now if there is none: the cells as of that
     * day and the changes of monitoring state of its year up to it.
     */
    public Snapshot of(LocalDate monthEnd) {
        if (!freezes(monthEnd)) {
            throw new IllegalArgumentException("a snapshot is of an ended month's last day: " + monthEnd);
        }
        return findOrCompute(monthEnd);
    }

    /** The day's snapshot, computed under the day's lock if there is none (one lock per day: others go on meanwhile). */
    private Snapshot findOrCompute(LocalDate day) {
        return find(day)
                .orElseGet(() -> own.execute(tx -> {
                    jdbc.sql("select pg_advisory_xact_lock(hashtext('stat_snapshot'), cast(? as int))")
                            .param(day.toEpochDay())
                            .query()
                            .singleValue();
                    return find(day).orElseGet(() -> compute(day));
                }));
    }

    private Snapshot compute(LocalDate asOf) {
        long started = System.nanoTime();
        String by = actor.username();
        long id = jdbc.sql("insert into stat_snapshot (as_of, computed_by) values (?, ?) returning id")
                .params(asOf, by)
                .query(Long.class)
                .single();
        RegistryFigures.Statement cells = figures.cellsStatement(
                asOf,
                RegionCode.CodeRange.ALL,
                lines(asOf),
                EnumSet.allOf(RegistryFigures.Dimension.class),
                CaseworkLedgers.MEASURES_TAKEN);
        RegistryFigures.Statement changes =
                figures.transitionsStatement(asOf.withDayOfYear(1), asOf, RegionCode.CodeRange.ALL);
        Map<String, Object> p = new HashMap<>(cells.params());
        p.putAll(changes.params());
        p.put("snapshot", id);
        // one statement, so that the cells, their roll-ups and the changes see one state of the data
        long[] counts = jdbc.sql("with c as (insert into stat_cell (snapshot_id, village_code, dimension, identity,"
                        + " state, key, households, persons) select :snapshot, c.village_code, c.dimension, c.identity,"
                        + " c.state, c.key, c.households, c.persons from (" + cells.sql() + ") c returning *),"
                        + " r as (insert into stat_rollup (snapshot_id, digits, region_code, dimension, identity, state,"
                        + " key, households, persons) select :snapshot, d.digits, rpad(substr(c.village_code, 1,"
                        + " d.digits), 12, '0'), c.dimension, c.identity, c.state, c.key, sum(c.households),"
                        + " sum(c.persons) from c cross join (values (2), (4), (6), (9)) as d (digits)"
                        + " group by 2, 3, 4, 5, 6, 7),"
                        + " t as (insert into stat_transition (snapshot_id, household_id, village_code, identity,"
                        + " change, on_date, monitored_since) select :snapshot, t.household_id, t.village_code,"
                        + " t.identity, t.change, t.on_date, t.since from (" + changes.sql() + ") t returning 1)"
                        + " select (select count(*) from c), (select count(*) from t)")
                .params(p)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        long cellCount = counts[0];
        long changeCount = counts[1];
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.sql("update stat_snapshot set cells = ?, transitions = ?, millis = ?, computed_at = ? where id = ?")
                .params(cellCount, changeCount, millis, Timestamp.from(clock.instant()), id)
                .update();
        log.info(
                "Statistics snapshot {} as of {}: {} cells, {} changes in {} ms",
                id,
                asOf,
                cellCount,
                changeCount,
                millis);
        return find(asOf).orElseThrow();
    }

    /** Each province's monitoring line and edge factor in force on the day. */
    public Map<String, RegistryFigures.Line> lines(LocalDate on) {
        Map<String, RegistryFigures.Line> out = new HashMap<>();
        for (Region province : regions.atLevel(RegionLevel.PROVINCE)) {
            Map<String, PolicyParameters.Value> values = parameters.resolve(province.code(), on);
            PolicyParameters.Value line = values.get(PolicyParameters.MONITORING_LINE);
            PolicyParameters.Value factor = values.get(EDGE_FACTOR);
            if (line != null) {
                out.put(
                        province.code().substring(0, 2),
                        new RegistryFigures.Line(line.value(), factor == null ? BigDecimal.ONE : factor.value()));
            }
        }
        return out;
    }

    private static final String EDGE_FACTOR = "edge_line_factor";

    private static Snapshot snapshot(ResultSet rs, int i) throws SQLException {
        return new Snapshot(
                rs.getLong("id"),
                rs.getObject("as_of", LocalDate.class),
                Rows.instant(rs, "computed_at"),
                rs.getLong("cells"),
                rs.getLong("transitions"),
                rs.getLong("millis"));
    }
}
