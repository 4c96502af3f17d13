package org.fangpin.reporting.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.reporting.Period;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The changes of monitoring state in a period, per household: for a period that has ended, as frozen in its last
 * month's snapshot (which holds its year's changes up to then); for the current one, its months that have ended as
 * frozen in the last month's snapshot and this month counted now, up to today (or up to yesterday's close, when the
 * caller reads a province's or a city's figures from it). The statistics count these sets, and the lists behind the
 * figures page through them, so the two cannot disagree.
 */
@Component
public class ChangeCounts {

    /**
     * What a period's changes came to: per kind, the households (each once); per child region (codes padded) and kind,
     * its households; per household eliminated, the day and the inclusion of its last elimination in the period. {@code
     * to}: the last day counted; {@code snapshot}: the snapshot the figures are from when they all are (null: counted
     * now, in part or whole).
     */
    public record Collected(
            Region region,
            LocalDate to,
            Snapshots.Snapshot snapshot,
            Map<MonitoringChange, Set<Long>> total,
            Map<String, Map<MonitoringChange, Set<Long>>> perRegion,
            Map<Long, LocalDate[]> eliminations) {}

    private final JdbcClient jdbc;
    private final Snapshots snapshots;
    private final RegistryFigures figures;

    ChangeCounts(JdbcClient jdbc, Snapshots snapshots, RegistryFigures figures) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.figures = figures;
    }

    /** The period's changes under the range, per child region of {@code digits} digits. */
    public Collected collect(
            Region region,
            RegionCode.CodeRange range,
            int digits,
            Period period,
            LocalDate today,
            Optional<Snapshots.Snapshot> close) {
        Map<MonitoringChange, Set<Long>> total = new EnumMap<>(MonitoringChange.class);
        Map<String, Map<MonitoringChange, Set<Long>>> perRegion = new HashMap<>();
        Map<Long, LocalDate[]> eliminations = new HashMap<>();
        LocalDate frozenTo = snapshots.freezes(period.last())
                ? period.last()
                : YearMonth.from(today).minusMonths(1).atEndOfMonth();
        Snapshots.Snapshot source = null;
        LocalDate to = period.last().isBefore(today) ? period.last() : today;
        Snapshots.Snapshot frozen = null;
        if (close.isPresent() && !close.get().asOf().isBefore(period.first())) {
            frozen = close.get();
            frozenTo = frozen.asOf();
            to = frozenTo;
            source = frozen;
        } else if (!frozenTo.isBefore(period.first())) {
            frozen = snapshots.of(frozenTo);
            source = frozenTo.equals(period.last()) ? frozen : null;
        }
        if (frozen != null) {
            jdbc.sql("select household_id, village_code, change, on_date, monitored_since from stat_transition where"
                            + " snapshot_id = :s and village_code between :lo and :hi and on_date between :from and"
                            + " :to")
                    .param("s", frozen.id())
                    .param("lo", range.low())
                    .param("hi", range.high())
                    .param("from", period.first())
                    .param("to", frozenTo)
                    .query(rs -> {
                        MonitoringChange change = MonitoringChange.valueOf(rs.getString(3));
                        count(total, perRegion, digits, rs.getLong(1), rs.getString(2), change);
                        if (change == MonitoringChange.ELIMINATED) {
                            eliminated(
                                    eliminations,
                                    rs.getLong(1),
                                    rs.getObject(4, LocalDate.class),
                                    rs.getObject(5, LocalDate.class));
                        }
                    });
        }
        if (frozenTo.isBefore(to)) {
            LocalDate from = frozenTo.isBefore(period.first()) ? period.first() : frozenTo.plusDays(1);
            for (RegistryFigures.Transition t : figures.transitions(from, to, range)) {
                count(total, perRegion, digits, t.householdId(), t.villageCode(), t.change());
                if (t.change() == MonitoringChange.ELIMINATED) {
                    eliminated(eliminations, t.householdId(), t.on(), t.since());
                }
            }
        }
        return new Collected(region, to, source, total, perRegion, eliminations);
    }

    private static void count(
            Map<MonitoringChange, Set<Long>> total,
            Map<String, Map<MonitoringChange, Set<Long>>> perRegion,
            int digits,
            long household,
            String village,
            MonitoringChange change) {
        total.computeIfAbsent(change, k -> new HashSet<>()).add(household);
        perRegion
                .computeIfAbsent(
                        RegionCode.padded(village.substring(0, digits)), k -> new EnumMap<>(MonitoringChange.class))
                .computeIfAbsent(change, k -> new HashSet<>())
                .add(household);
    }

    /** Keeps a household's last elimination in the period: its day and the inclusion it ended. */
    private static void eliminated(Map<Long, LocalDate[]> out, long household, LocalDate on, LocalDate since) {
        LocalDate[] last = out.get(household);
        if (last == null || !on.isBefore(last[0])) {
            out.put(household, new LocalDate[] {on, since});
        }
    }
}
