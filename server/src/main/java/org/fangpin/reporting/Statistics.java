package org.fangpin.reporting;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.CaseworkLedgers;
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
import org.fangpin.reporting.internal.ActivityCounts;
import org.fangpin.reporting.internal.ChangeCounts;
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

    /**
     * Where figures come from: live (today, computed now), or a frozen snapshot (its id, day and time); neither (no
     * snapshot, not live) for a month end before the first household was registered.
     */
    public record Source(boolean live, Long snapshot, LocalDate asOf, Instant computedAt) {

        static Source live(LocalDate today, Instant now) {
            return new Source(true, null, today, now);
        }

        /** A month end before anything was registered: nothing to count, no snapshot made. */
        static Source empty(LocalDate day) {
            return new Source(false, null, day, null);
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

    /**
     * Households per child region and kind of change in a period; {@code totals} count each household once. {@code
     * eliminatedAfter}: the households eliminated in the period by how long their risk had lasted (months from 纳入监测
     * to 风险消除, {@link RegistryFigures#RISK_AGES}; a household eliminated twice counts by its last).
     */
    public record Changes(
            Region region,
            RegionLevel rowLevel,
            Map<String, String> names,
            Period period,
            LocalDate to,
            Source source,
            Map<String, Map<MonitoringChange, Long>> byRegion,
            Map<MonitoringChange, Long> totals,
            Map<String, Long> eliminatedAfter) {}

    /**
     * Households by monitoring state at a month's end (or today), with their members, and by per-capita income against
     * the monitoring line ({@link RegistryFigures#INCOME_BANDS}).
     */
    public record TrendPoint(
            LocalDate asOf,
            Source source,
            Map<MonitoringState, Long> households,
            long persons,
            Map<String, Long> income) {}

    private final JdbcClient jdbc;
    private final Snapshots snapshots;
    private final RegistryFigures figures;
    private final RegionDirectory regions;
    private final RegionReach reach;
    private final ActivityCounts activity;
    private final ChangeCounts changeCounts;
    private final Messages messages;
    private final Clock clock;

    Statistics(
            JdbcClient jdbc,
            Snapshots snapshots,
            RegistryFigures figures,
            RegionDirectory regions,
            RegionReach reach,
            ActivityCounts activity,
            ChangeCounts changeCounts,
            Messages messages,
            Clock clock) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.figures = figures;
        this.regions = regions;
        this.reach = reach;
        this.activity = activity;
        this.changeCounts = changeCounts;
        this.messages = messages;
        this.clock = clock;
    }

    /** The region asked for, or the caller's own (else the first root); 404 unknown. */
    public Region region(String code) {
        return reach.region(code);
    }

    @Transactional
    public Stock stock(String regionCode, LocalDate asOf, Dimension dimension) {
        Dimension by = dimension == null ? Dimension.CATEGORY : dimension;
        return stocks(regionCode, asOf, EnumSet.of(by)).get(by);
    }

    /**
     * {@link #stock} for several dimensions at once: counted live in one pass over the registry (a page showing
     * several cuts pays for one), or read from the snapshot's roll-ups.
     */
    @Transactional
    public Map<Dimension, Stock> stocks(String regionCode, LocalDate asOf, Set<Dimension> dimensions) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        LocalDate day = day(asOf);
        int digits = rowDigits(region);
        Map<Dimension, List<Row>> rows = new EnumMap<>(Dimension.class);
        dimensions.forEach(d -> rows.put(d, new ArrayList<>()));
        Source source;
        Optional<Snapshots.Snapshot> close = close(region, day);
        if (close.isPresent()) {
            day = close.get().asOf();
        }
        if (close.isPresent() || snapshots.freezes(day)) {
            Snapshots.Snapshot s = close.isPresent() ? close.get() : snapshots.of(day);
            source = Source.of(s);
            // villages from the cells; any level above from the roll-ups written with them
            jdbc.sql(digits == RegionCode.LENGTH ? """
                            select village_code, identity, state, key, households, persons, dimension
                            from stat_cell
                            where snapshot_id = :s and dimension in (:dims) and village_code between :lo and :hi
                              and :digits = 12
                            order by 1, 2, 3, 4""" : """
                            select region_code, identity, state, key, households, persons, dimension
                            from stat_rollup
                            where snapshot_id = :s and dimension in (:dims) and digits = :digits
                              and region_code between :lo and :hi
                            order by 1, 2, 3, 4""")
                    .param("digits", digits)
                    .param("s", s.id())
                    .param("dims", dimensions.stream().map(Dimension::name).toList())
                    .param("lo", range.low())
                    .param("hi", range.high())
                    .query(rs -> {
                        rows.get(Dimension.valueOf(rs.getString(7)))
                                .add(new Row(
                                        RegionCode.padded(rs.getString(1)),
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
            for (RegistryFigures.Cell c :
                    figures.cells(day, range, snapshots.lines(day), dimensions, CaseworkLedgers.MEASURES_TAKEN)) {
                List<Object> k = List.of(
                        c.dimension(),
                        RegionCode.padded(c.villageCode().substring(0, digits)),
                        c.identity(),
                        c.state(),
                        c.key());
                long[] n = sums.computeIfAbsent(k, x -> new long[2]);
                n[0] += c.households();
                n[1] += c.persons();
            }
            sums.forEach((k, n) -> rows.get((Dimension) k.get(0))
                    .add(new Row(
                            (String) k.get(1),
                            (HouseholdIdentity) k.get(2),
                            (MonitoringState) k.get(3),
                            (String) k.get(4),
                            n[0],
                            n[1])));
            rows.values().forEach(list -> list.sort((a, b) -> a.region().compareTo(b.region())));
        }
        Map<String, String> names = names(
                region,
                day,
                rows.values().stream().flatMap(List::stream).map(Row::region).toList());
        Map<Dimension, Stock> out = new EnumMap<>(Dimension.class);
        for (Dimension d : dimensions) {
            out.put(d, new Stock(region, rowLevel(region), names, day, d, source, rows.get(d)));
        }
        return out;
    }

    /**
     * The changes of monitoring state in the period: for a period that has ended, as frozen in its last month's
     * snapshot (which holds its year's changes up to then); for the current one, its months that have ended as frozen
     * in the last month's snapshot and this month counted now, up to today.
     */
    @Transactional
    public Changes changes(String regionCode, Period period) {
        ChangeCounts.Collected c = collect(regionCode, period);
        Map<String, Map<MonitoringChange, Long>> byRegion = new TreeMap<>();
        c.perRegion().forEach((code, kinds) -> {
            Map<MonitoringChange, Long> n = new EnumMap<>(MonitoringChange.class);
            kinds.forEach((k, ids) -> n.put(k, (long) ids.size()));
            byRegion.put(code, n);
        });
        Map<MonitoringChange, Long> totals = new EnumMap<>(MonitoringChange.class);
        for (MonitoringChange k : MonitoringChange.values()) {
            totals.put(k, (long) c.total().getOrDefault(k, Set.of()).size());
        }
        Map<String, Long> after = new LinkedHashMap<>();
        RegistryFigures.RISK_AGES.forEach(a -> after.put(a, 0L));
        c.eliminations().values().forEach(e -> after.merge(RegistryFigures.riskAge(e[1], e[0]), 1L, Long::sum));
        return new Changes(
                c.region(),
                rowLevel(c.region()),
                names(c.region(), c.to(), byRegion.keySet()),
                period,
                c.to(),
                sourceOf(c),
                byRegion,
                totals,
                after);
    }

    /**
     * The households behind {@link #changes}' figures, read exactly as they were counted: per kind of change, each
     * household once, with (for an elimination) its last one's day and inclusion; for a region and period as there.
     */
    ChangeCounts.Collected changed(String regionCode, Period period) {
        return collect(regionCode, period);
    }

    /**
     * The day a region's stock is of when asked for {@code asOf}: that day, or for today a province's or a city's
     * yesterday's close when there is one (as {@link #stocks} reads it); 422 for a day to come.
     */
    LocalDate countedDay(Region region, LocalDate asOf) {
        LocalDate day = day(asOf);
        return close(region, day).map(Snapshots.Snapshot::asOf).orElse(day);
    }

    private ChangeCounts.Collected collect(String regionCode, Period period) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        LocalDate today = today();
        checkPeriod(period, today);
        // a province's or a city's current period, like its stock today, is read from yesterday's close (T+1), which
        // holds its year's changes up to yesterday
        Optional<Snapshots.Snapshot> close = period.last().isBefore(today) ? Optional.empty() : close(region, today);
        return changeCounts.collect(region, range, rowDigits(region), period, today, close);
    }

    private Source sourceOf(ChangeCounts.Collected c) {
        return c.snapshot() == null ? Source.live(today(), clockInstant()) : Source.of(c.snapshot());
    }

    /**
     * 预警与案件: what was done with alerts and cases in the period (up to today for the current one), per child
     * region. Counted from the alerts' and cases' own dated rows, which do not change afterwards.
     */
    @Transactional(readOnly = true)
    public Activity activity(String regionCode, Period period) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        int digits = rowDigits(region);
        LocalDate to = activityTo(period);
        Map<String, Map<Activity.AlertFigure, Long>> alerts = activity.alerts(range, digits, period.first(), to);
        Map<String, Map<CaseKind, Map<Activity.CaseFigure, Long>>> cases =
                activity.cases(range, digits, period.first(), to);
        Set<String> codes = new HashSet<>(alerts.keySet());
        codes.addAll(cases.keySet());
        return new Activity(
                region,
                rowLevel(region),
                names(region, to, codes),
                period,
                to,
                alerts,
                ActivityCounts.alertTotals(alerts),
                cases,
                ActivityCounts.caseTotals(cases));
    }

    /** The last day of the period counted in {@link #activity}: its last, or today for the current one (422 as there). */
    LocalDate activityTo(Period period) {
        LocalDate today = today();
        checkPeriod(period, today);
        return period.last().isBefore(today) ? period.last() : today;
    }

    /** How far back a period may start (years before this one): older figures are not kept for reports. */
    static final int MAX_YEARS_BACK = 5;

    /** 422 for a period not begun or older than {@link #MAX_YEARS_BACK} years. */
    private void checkPeriod(Period period, LocalDate today) {
        if (period.first().isAfter(today)) {
            throw ApiException.invalid("period", messages.get("statistics.period-future", period));
        }
        if (period.first().isBefore(today.minusYears(MAX_YEARS_BACK).withDayOfYear(1))) {
            throw ApiException.invalid("period", messages.get("statistics.period-too-old", MAX_YEARS_BACK));
        }
    }

    /** Households by state at the end of each of the last {@code months} months before today, then today. */
    @Transactional
    public List<TrendPoint> trend(String regionCode, int months) {
        return trend(regionCode, months, Map.of());
    }

    /**
     * {@link #trend}, with today's live point taken from {@code today}'s {@code CATEGORY} and {@code INCOME} stocks
     * when a caller has just counted them (a page), instead of counting them again.
     */
    @Transactional
    public List<TrendPoint> trend(String regionCode, int months, Map<Dimension, Stock> todays) {
        Region asked = region(regionCode);
        RegionCode.CodeRange range = within(asked);
        Region region = effective(asked, range);
        LocalDate today = today();
        List<TrendPoint> out = new ArrayList<>();
        YearMonth first = YearMonth.from(today).minusMonths(Math.max(1, Math.min(months, 24)));
        Optional<LocalDate> recorded = null;
        for (YearMonth m = first; m.isBefore(YearMonth.from(today)); m = m.plusMonths(1)) {
            LocalDate end = m.atEndOfMonth();
            Optional<Snapshots.Snapshot> frozen = snapshots.find(end);
            if (frozen.isEmpty()) {
                // a month that ended before anything was registered holds nothing: no snapshot is made for it
                recorded = recorded == null ? figures.firstRecorded() : recorded;
                if (recorded.isEmpty() || end.isBefore(recorded.get())) {
                    out.add(new TrendPoint(end, Source.empty(end), filled(Map.of()), 0, bands()));
                    continue;
                }
            }
            out.add(point(frozen.orElseGet(() -> snapshots.of(end)), region, range));
        }
        Optional<Snapshots.Snapshot> close = close(region, today);
        if (close.isPresent()) {
            // on the first of a month yesterday's close is the month end just added
            if (out.isEmpty()
                    || !out.get(out.size() - 1).asOf().equals(close.get().asOf())) {
                out.add(point(close.get(), region, range));
            }
            return out;
        }
        Map<MonitoringState, Long> now = new EnumMap<>(MonitoringState.class);
        Map<String, Long> income = bands();
        long persons = 0;
        Stock category = todays.get(Dimension.CATEGORY);
        Stock incomes = todays.get(Dimension.INCOME);
        boolean counted = category != null
                && incomes != null
                && List.of(category, incomes).stream()
                        .allMatch(x -> x.source().live()
                                && x.asOf().equals(today)
                                && x.region().equals(region));
        Source source = counted ? category.source() : Source.live(today, clockInstant());
        List<RegistryFigures.Cell> cells = counted
                ? List.of()
                : figures.cells(
                        today, range, snapshots.lines(today), EnumSet.of(Dimension.CATEGORY, Dimension.INCOME), null);
        for (RegistryFigures.Cell c : cells) {
            if (c.dimension() == Dimension.INCOME) {
                income.merge(c.key(), c.households(), Long::sum);
            } else {
                now.merge(c.state(), c.households(), Long::sum);
                persons += c.persons();
            }
        }
        if (counted) {
            for (Row r : category.rows()) {
                now.merge(r.state(), r.households(), Long::sum);
                persons += r.persons();
            }
            incomes.rows().forEach(r -> income.merge(r.key(), r.households(), Long::sum));
        }
        out.add(new TrendPoint(today, source, filled(now), persons, income));
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
    private TrendPoint point(Snapshots.Snapshot s, Region region, RegionCode.CodeRange range) {
        Map<MonitoringState, Long> n = new EnumMap<>(MonitoringState.class);
        Map<String, Long> income = bands();
        long[] persons = {0};
        // the region's own roll-up (a village: its cells)
        int digits = region.level().digits();
        jdbc.sql(
                        digits == RegionCode.LENGTH
                                ? "select dimension, state, key, sum(households), sum(persons) from stat_cell where"
                                        + " snapshot_id = :s and dimension in ('CATEGORY', 'INCOME') and village_code between"
                                        + " :lo and :hi and :digits = 12 group by dimension, state, key"
                                : "select dimension, state, key, sum(households), sum(persons) from stat_rollup where"
                                        + " snapshot_id = :s and dimension in ('CATEGORY', 'INCOME') and digits = :digits"
                                        + " and region_code between :lo and :hi group by dimension, state, key")
                .param("s", s.id())
                .param("digits", digits)
                .param("lo", range.low())
                .param("hi", range.high())
                .query(rs -> {
                    if (rs.getString(1).equals("INCOME")) {
                        income.merge(rs.getString(3), rs.getLong(4), Long::sum);
                    } else {
                        n.merge(MonitoringState.valueOf(rs.getString(2)), rs.getLong(4), Long::sum);
                        persons[0] += rs.getLong(5);
                    }
                });
        return new TrendPoint(s.asOf(), Source.of(s), filled(n), persons[0], income);
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

    private static Map<String, Long> bands() {
        Map<String, Long> out = new LinkedHashMap<>();
        RegistryFigures.INCOME_BANDS.forEach(b -> out.put(b, 0L));
        return out;
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

    /** The names of the rows' regions and of every child region on the day (a child without households shows 0). */
    private Map<String, String> names(Region region, LocalDate day, Collection<String> codes) {
        Set<String> all = new HashSet<>(codes);
        if (region.level() != RegionLevel.VILLAGE) {
            regions.children(region.code(), day).forEach(c -> all.add(c.code()));
        } else {
            all.add(region.code());
        }
        return new TreeMap<>(regions.names(all));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Instant clockInstant() {
        return clock.instant();
    }
}
