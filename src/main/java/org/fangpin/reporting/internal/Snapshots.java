package org.fangpin.reporting.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * 统计快照: the registry's figures of a past day for the whole installation, computed once (in the database, from the
 * registry's read model) and then only read. Two requests for the same missing day compute it once: the second
 * waits on a lock and finds it done.
 */
@Component
public class Snapshots {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    /** A frozen snapshot: when it was computed, by whom, and how much it holds. */
    public record Snapshot(
            long id,
            LocalDate asOf,
            Instant computedAt,
            String computedBy,
            long cells,
            long transitions,
            long millis) {}

    private final JdbcClient jdbc;
    private final RegistryFigures figures;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final Clock clock;

    Snapshots(
            JdbcClient jdbc,
            RegistryFigures figures,
            RegionDirectory regions,
            PolicyParameters parameters,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.figures = figures;
        this.regions = regions;
        this.parameters = parameters;
        this.actor = actor;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Snapshot> find(LocalDate asOf) {
        return jdbc.sql("select * from stat_snapshot where as_of = ? and superseded_by is null")
                .param(asOf)
                .query(Snapshots::snapshot)
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Snapshot> list(int limit) {
        return jdbc.sql("select * from stat_snapshot where superseded_by is null order by as_of desc limit ?")
                .param(Math.max(1, Math.min(limit, 500)))
                .query(Snapshots::snapshot)
                .list();
    }

    /** The snapshot of a past day, computed now if there is none. Today and later days have none (still moving). */
    @Transactional
    public Snapshot of(LocalDate asOf) {
        if (!asOf.isBefore(LocalDate.now(clock))) {
            throw new IllegalArgumentException("a snapshot is of a past day: " + asOf);
        }
        Optional<Snapshot> found = find(asOf);
        if (found.isPresent()) {
            return found.get();
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('stat_snapshot'))")
                .query()
                .singleValue();
        return find(asOf).orElseGet(() -> compute(asOf));
    }

    private Snapshot compute(LocalDate asOf) {
        long started = System.nanoTime();
        String by = actor.get().map(Actor::username).orElse("system");
        long id = jdbc.sql("insert into stat_snapshot (as_of, computed_by) values (?, ?) returning id")
                .params(asOf, by)
                .query(Long.class)
                .single();
        RegistryFigures.Statement cells = figures.cellsStatement(
                asOf, RegionCode.CodeRange.ALL, lines(asOf), EnumSet.allOf(RegistryFigures.Dimension.class));
        Map<String, Object> p = new HashMap<>(cells.params());
        p.put("snapshot", id);
        int cellCount = jdbc.sql("insert into stat_cell (snapshot_id, village_code, dimension, identity, state, key,"
                        + " households, persons) select :snapshot, c.* from (" + cells.sql() + ") c")
                .params(p)
                .update();
        RegistryFigures.Statement changes =
                figures.transitionsStatement(asOf.withDayOfMonth(1), asOf, RegionCode.CodeRange.ALL);
        p = new HashMap<>(changes.params());
        p.put("snapshot", id);
        int changeCount = jdbc.sql("insert into stat_transition (snapshot_id, household_id, village_code, identity,"
                        + " change, on_date) select :snapshot, t.* from (" + changes.sql() + ") t")
                .params(p)
                .update();
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.sql("update stat_snapshot set cells = ?, transitions = ?, millis = ? where id = ?")
                .params(cellCount, changeCount, millis, id)
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
                rs.getString("computed_by"),
                rs.getLong("cells"),
                rs.getLong("transitions"),
                rs.getLong("millis"));
    }
}
