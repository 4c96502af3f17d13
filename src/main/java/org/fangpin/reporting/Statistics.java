package org.fangpin.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.reporting.internal.RegionReach;
import org.fangpin.reporting.internal.Snapshots;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 统计: a region's households and persons by who they are and their monitoring state, cut by one dimension, per
 * child region, as of a day; the changes of monitoring state in a month, quarter or year; the trend at month ends.
 * The region is the caller's own or one inside it (403 outside; an ancestor narrows to one's own). A past day reads
 * the frozen snapshot of that day (computed on first use, then never changed); today is computed live over the
 * scope. A period's changes count each household once per kind of change, however often it changed.
 */
@Service
public class Statistics {

    /** Where figures come from: live (today, computed now), or a frozen snapshot (its id, day and time). */
    public record Source(boolean live, Long snapshot, LocalDate asOf, Instant computedAt) {

        static Source live(LocalDate today, Instant now) {
            return new Source(true, null, today, now);
        }

        static Source of(Snapshots.Snapshot s) {
            return new Source(false, s.id(), s.asOf(), s.computedAt());
        }
    }

    /** Households and members under one child region, of one identity and state, with one value of the dimension. */
    public record Row(
            String region,
            HouseholdIdentity identity,
            MonitoringState state,
            String key,
            long households,
            long persons) {}

    /**
     * A region's figures as of a day: one row per child region (a village: itself), identity, state and key. Totals
     * over a multi-valued dimension (causes, flags, age groups …) may exceed the households: a household counts once
     * under each value it has.
     */
    public record Stock(
            Region region,
            RegionLevel rowLevel,
            Map<String, String> names,
            LocalDate asOf,
            Dimension dimension,
            Source source,
            List<Row> rows) {}

    /** Households per child region and kind of change in a period; {@code totals} count each household once. */
    public record Changes(
            Region region,
            RegionLevel rowLevel,
            Map<String, String> names,
            Period period,
            LocalDate to,
            Source source,
            Map<String, Map<MonitoringChange, Long>> byRegion,
            Map<MonitoringChange, Long> totals) {}

    /** Households by monitoring state at a month's end (or today), with their members. */
    public record TrendPoint(LocalDate asOf, Source source, Map<MonitoringState, Long> households, long persons) {}

    private final JdbcClient jdbc;
    private final Snapshots snapshots;
    private final RegistryFigures figures;
    private final RegionDirectory regions;
    private final RegionReach reach;
    private final Messages messages;
    private final Clock clock;

    Statistics(
            JdbcClient jdbc,
            Snapshots snapshots,
            RegistryFigures figures,
            RegionDirectory regions,
            RegionReach reach,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.figures = figures;
        this.regions = regions;
        this.reach = reach;
        this.messages = messages;
        this.clock = clock;
    }

    /** The region asked for, or the caller's own (else the first root); 404 unknown. */
    public Region region(String code) {
        return reach.region(code);
    }

    @Transactional
    public Stock stock(String regionCode, LocalDate asOf, Dimension dimension) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        LocalDate day = day(asOf);
        Dimension by = dimension == null ? Dimension.CATEGORY : dimension;
        int digits = rowDigits(region);
        List<Row> rows = new ArrayList<>();
        Source source;
        Optional<Snapshots.Snapshot> close = close(region, day);
        if (close.isPresent()) {
            day = close.get().asOf();
        }
        if (close.isPresent() || snapshots.freezes(day)) {
            Snapshots.Snapshot s = close.isPresent() ? close.get() : snapshots.of(day);
            source = Source.of(s);
            jdbc.sql("""
                    select substr(village_code, 1, :digits), identity, state, key, sum(households), sum(persons)
                    from stat_cell
                    where snapshot_id = :s and dimension = :dim and village_code between :lo and :hi
                    group by 1, 2, 3, 4 order by 1, 2, 3, 4""")
                    .param("digits", digits)
                    .param("s", s.id())
                    .param("dim", by.name())
                    .param("lo", range.low())
                    .param("hi", range.high())
                    .query(rs -> {
                        rows.add(new Row(
                                pad(rs.getString(1)),
                                HouseholdIdentity.valueOf(rs.getString(2)),
                                MonitoringState.valueOf(rs.getString(3)),
                                rs.getString(4),
                                rs.getLong(5),
                                rs.getLong(6)));
                    });
        } else {
            source = Source.live(day, clockInstant());
            // today, or a day within a month: counted now from the history (month ends are frozen)
            Map<List<Object>, long[]> sums = new LinkedHashMap<>();
            for (RegistryFigures.Cell c : figures.cells(day, range, snapshots.lines(day), EnumSet.of(by))) {
                List<Object> k = List.of(pad(c.villageCode().substring(0, digits)), c.identity(), c.state(), c.key());
                long[] n = sums.computeIfAbsent(k, x -> new long[2]);
                n[0] += c.households();
                n[1] += c.persons();
            }
            sums.forEach((k, n) -> rows.add(new Row(
                    (String) k.get(0),
                    (HouseholdIdentity) k.get(1),
                    (MonitoringState) k.get(2),
                    (String) k.get(3),
                    n[0],
                    n[1])));
            rows.sort((a, b) -> a.region().compareTo(b.region()));
        }
        return new Stock(
                region, rowLevel(region), names(rows.stream().map(Row::region).toList()), day, by, source, rows);
    }

    /**
     * The changes of monitoring state in the period: for a period that has ended, as frozen in its last month's
     * snapshot (which holds its year's changes up to then); for the current one, its months that have ended as frozen
     * in the last month's snapshot and this month counted now, up to today.
     */
    @Transactional
    public Changes changes(String regionCode, Period period) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        int digits = rowDigits(region);
        LocalDate today = today();
        if (period.first().isAfter(today)) {
            throw ApiException.invalid("period", messages.get("statistics.period-future", period));
        }
        if (period.first().isBefore(today.minusYears(MAX_YEARS_BACK).withDayOfYear(1))) {
            throw ApiException.invalid("period", messages.get("statistics.period-too-old", MAX_YEARS_BACK));
        }
        Map<MonitoringChange, Set<Long>> total = new EnumMap<>(MonitoringChange.class);
        Map<String, Map<MonitoringChange, Set<Long>>> perRegion = new HashMap<>();
        // an ended period from its last month's snapshot; the current one from the last frozen month of its year and,
        // for this month, counted now
        LocalDate frozenTo = snapshots.freezes(period.last())
                ? period.last()
                : YearMonth.from(today).minusMonths(1).atEndOfMonth();
        Source source = Source.live(today, clockInstant());
        LocalDate to = period.last().isBefore(today) ? period.last() : today;
        if (!frozenTo.isBefore(period.first())) {
            Snapshots.Snapshot s = snapshots.of(frozenTo);
            source = frozenTo.equals(period.last()) ? Source.of(s) : source;
            jdbc.sql("select household_id, village_code, change from stat_transition where snapshot_id = :s and"
                            + " village_code between :lo and :hi and on_date between :from and :to")
                    .param("s", s.id())
                    .param("lo", range.low())
                    .param("hi", range.high())
                    .param("from", period.first())
                    .param("to", frozenTo)
                    .query(rs -> {
                        count(
                                total,
                                perRegion,
                                digits,
                                rs.getLong(1),
                                rs.getString(2),
                                MonitoringChange.valueOf(rs.getString(3)));
                    });
        }
        if (frozenTo.isBefore(to)) {
            LocalDate from = frozenTo.isBefore(period.first()) ? period.first() : frozenTo.plusDays(1);
            for (RegistryFigures.Transition t : figures.transitions(from, to, range)) {
                count(total, perRegion, digits, t.householdId(), t.villageCode(), t.change());
            }
        }
        Map<String, Map<MonitoringChange, Long>> byRegion = new TreeMap<>();
        perRegion.forEach((code, kinds) -> {
            Map<MonitoringChange, Long> n = new EnumMap<>(MonitoringChange.class);
            kinds.forEach((k, ids) -> n.put(k, (long) ids.size()));
            byRegion.put(code, n);
        });
        Map<MonitoringChange, Long> totals = new EnumMap<>(MonitoringChange.class);
        for (MonitoringChange c : MonitoringChange.values()) {
            totals.put(c, (long) total.getOrDefault(c, Set.of()).size());
        }
        return new Changes(region, rowLevel(region), names(byRegion.keySet()), period, to, source, byRegion, totals);
    }

    /** How far back a period may start (years before this one): older figures are not kept for reports. */
    static final int MAX_YEARS_BACK = 5;

    /** Households by state at the end of each of the last {@code months} months before today, then today. */
    @Transactional
    public List<TrendPoint> trend(String regionCode, int months) {
        Region region = region(regionCode);
        RegionCode.CodeRange range = within(region);
        LocalDate today = today();
        List<TrendPoint> out = new ArrayList<>();
        YearMonth first = YearMonth.from(today).minusMonths(Math.max(1, Math.min(months, 24)));
        for (YearMonth m = first; m.isBefore(YearMonth.from(today)); m = m.plusMonths(1)) {
            out.add(point(snapshots.of(m.atEndOfMonth()), range));
        }
        Optional<Snapshots.Snapshot> close = close(effective(region, range), today);
        if (close.isPresent()) {
            // on the first of a month yesterday's close is the month end just added
            if (out.isEmpty()
                    || !out.get(out.size() - 1).asOf().equals(close.get().asOf())) {
                out.add(point(close.get(), range));
            }
            return out;
        }
        Map<MonitoringState, Long> now = new EnumMap<>(MonitoringState.class);
        long persons = 0;
        for (RegistryFigures.Cell c : figures.cells(today, range, Map.of(), EnumSet.of(Dimension.CATEGORY))) {
            now.merge(c.state(), c.households(), Long::sum);
            persons += c.persons();
        }
        out.add(new TrendPoint(today, Source.live(today, clockInstant()), filled(now), persons));
        return out;
    }

    /**
     * Freezes the close of an ended day that is not a month's end (what the nightly schedule does; also for tools and
     * benchmarks); the snapshot it made or found.
     */
    public Source close(LocalDate day) {
        return Source.of(snapshots.freezes(day) ? snapshots.of(day) : snapshots.daily(day));
    }

    // ---- internals ----

    /** A snapshot's households by state and members under the range. */
    private TrendPoint point(Snapshots.Snapshot s, RegionCode.CodeRange range) {
        Map<MonitoringState, Long> n = new EnumMap<>(MonitoringState.class);
        long[] persons = {0};
        jdbc.sql("select state, sum(households), sum(persons) from stat_cell where snapshot_id = :s and dimension ="
                        + " 'CATEGORY' and village_code between :lo and :hi group by state")
                .param("s", s.id())
                .param("lo", range.low())
                .param("hi", range.high())
                .query(rs -> {
                    n.put(MonitoringState.valueOf(rs.getString(1)), rs.getLong(2));
                    persons[0] += rs.getLong(3);
                });
        return new TrendPoint(s.asOf(), Source.of(s), filled(n), persons[0]);
    }

    /**
     * A province's or a city's figures "today" are those of yesterday's close (T+1), from the snapshot the schedule
     * makes each night, when there is one: counting a province live takes tens of seconds. Counties and below, and
     * every region when no such snapshot exists, are counted live.
     */
    private Optional<Snapshots.Snapshot> close(Region region, LocalDate day) {
        LocalDate today = today();
        if (!day.equals(today) || region.level().number() > RegionLevel.CITY.number()) {
            return Optional.empty();
        }
        return snapshots.find(today.minusDays(1));
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
                .computeIfAbsent(pad(village.substring(0, digits)), k -> new EnumMap<>(MonitoringChange.class))
                .computeIfAbsent(change, k -> new HashSet<>())
                .add(household);
    }

    private static Map<MonitoringState, Long> filled(Map<MonitoringState, Long> n) {
        Map<MonitoringState, Long> out = new EnumMap<>(MonitoringState.class);
        for (MonitoringState s : MonitoringState.values()) {
            out.put(s, n.getOrDefault(s, 0L));
        }
        return out;
    }

    private RegionCode.CodeRange within(Region region) {
        return reach.within(region);
    }

    private Region effective(Region asked, RegionCode.CodeRange range) {
        return reach.effective(asked, range);
    }

    private LocalDate day(LocalDate asOf) {
        LocalDate today = today();
        if (asOf == null) {
            return today;
        }
        if (asOf.isAfter(today)) {
            throw ApiException.invalid("asOf", messages.get("statistics.as-of-future", today));
        }
        return asOf;
    }

    /** The level of the rows: the region's children, or the village itself. */
    private static RegionLevel rowLevel(Region region) {
        return region.level() == RegionLevel.VILLAGE
                ? RegionLevel.VILLAGE
                : RegionLevel.of(region.level().number() + 1);
    }

    private static int rowDigits(Region region) {
        return rowLevel(region).digits();
    }

    private static String pad(String prefix) {
        return prefix + "0".repeat(RegionCode.LENGTH - prefix.length());
    }

    private Map<String, String> names(Collection<String> codes) {
        return regions.names(new HashSet<>(codes));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant clockInstant() {
        return clock.instant();
    }
}
