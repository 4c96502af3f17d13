package org.fangpin.reporting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.registry.RegistryFigures.MonitoringChange;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.reporting.Activity.AlertFigure;
import org.fangpin.reporting.Activity.CaseFigure;
import org.fangpin.reporting.internal.ActivityCounts;
import org.fangpin.reporting.internal.ChangeCounts;
import org.fangpin.reporting.internal.RegionReach;
import org.fangpin.reporting.internal.Snapshots;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 统计明细: the households, alerts and cases behind each figure of {@link Statistics}, within the caller's scope, read
 * the way the figure was counted — a stock as of its day from the registry's history (so a past month's figure lists
 * the households of that month), a period's changes from the very sets that were counted, alerts and cases from their
 * dated rows. The list's total is the figure.
 */
@Service
public class StatisticsLists {

    /**
     * A household behind a figure: its number, village, identity and state on the figure's day (for a change: as it is
     * now; {@code removed} when deleted or moved out of the caller's reach since, its number and village then not
     * shown), and its persons counted in the figure.
     */
    public record FigureHousehold(
            long id,
            String householdNo,
            String villageCode,
            String village,
            String township,
            HouseholdIdentity identity,
            MonitoringState state,
            long persons,
            boolean removed) {}

    /**
     * A page of the households behind a figure, with how many there are (and their persons) in all; {@code kept}: the
     * figure as its month-end snapshot keeps it (null when counted live) — it differs from {@code total} only when
     * history before that day was entered after the snapshot was frozen. {@code amended}: a province's or a city's
     * list, counted from the snapshot, some of whose listed villages had their history amended after it was frozen
     * (their rows are read as the history is now, so a page may hold a few more or fewer).
     */
    public record FigureHouseholds(
            Region region,
            LocalDate asOf,
            long total,
            long persons,
            Long kept,
            boolean amended,
            int offset,
            int limit,
            List<FigureHousehold> items) {}

    /** An alert or a case behind a figure: its household and village, and the day it counts for. */
    public record FigureEntry(
            long id, long householdId, String householdNo, String villageCode, String village, LocalDate on) {}

    /** A page of the alerts or cases behind a figure, with how many there are in all. */
    public record FigureEntries(
            Region region, LocalDate from, LocalDate to, long total, int offset, int limit, List<FigureEntry> items) {}

    private static final int MAX_LIMIT = 500;

    private final Statistics statistics;
    private final RegistryFigures figures;
    private final Snapshots snapshots;
    private final ActivityCounts activity;
    private final RegionReach reach;
    private final RegionDirectory regions;
    private final Registry registry;
    private final DataScope dataScope;
    private final Messages messages;
    private final JdbcClient jdbc;

    StatisticsLists(
            Statistics statistics,
            RegistryFigures figures,
            Snapshots snapshots,
            ActivityCounts activity,
            RegionReach reach,
            RegionDirectory regions,
            Registry registry,
            DataScope dataScope,
            Messages messages,
            JdbcClient jdbc) {
        this.statistics = statistics;
        this.figures = figures;
        this.snapshots = snapshots;
        this.activity = activity;
        this.reach = reach;
        this.regions = regions;
        this.registry = registry;
        this.dataScope = dataScope;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /**
     * The households behind a stock figure: as of the day (today: as {@link Statistics#stocks} counts it, a province's
     * or a city's from yesterday's close), of the identity and state when given, with the dimension's key when given
     * (a dimension of members: the households with such members, and {@code persons} those members).
     */
    @Transactional
    public FigureHouseholds stock(
            String regionCode,
            LocalDate asOf,
            Dimension by,
            String key,
            HouseholdIdentity identity,
            MonitoringState state,
            int offset,
            int limit) {
        if (key != null && by == null) {
            throw ApiException.invalid("by", messages.get("statistics.list.key-without-dimension"));
        }
        RegionReach.Reached r = reach.reach(regionCode);
        LocalDate day = statistics.countedDay(r.region(), asOf);
        Optional<Snapshots.Snapshot> frozen = wide(r.region()) ? snapshots.find(day) : Optional.empty();
        Dimension cut = by != null && key != null ? by : Dimension.CATEGORY;
        if (frozen.isPresent() && has(frozen.get(), cut)) {
            return byVillage(r, day, frozen.get(), cut, by != null ? key : null, identity, state, offset, limit);
        }
        RegistryFigures.Statement st = figures.householdsStatement(
                day, r.range(), snapshots.lines(day), by, key, identity, state, CaseworkLedgers.MEASURES_TAKEN);
        int from = Math.max(0, offset);
        int size = limit(limit);
        // the page and the figure in one pass (the totals are window sums over every row, taken before the page)
        long[] total = {0, 0};
        List<Row> rows = jdbc.sql("select household_id, household_no, village_code, identity, state, persons,"
                        + " count(*) over (), coalesce(sum(persons) over (), 0) from (" + st.sql() + ") x"
                        + " order by village_code, household_no, household_id offset :offset limit :limit")
                .params(st.params())
                .param("offset", from)
                .param("limit", size)
                .query((rs, i) -> {
                    total[0] = rs.getLong(7);
                    total[1] = rs.getLong(8);
                    return row(rs);
                })
                .list();
        if (rows.isEmpty() && from > 0) {
            // a page past the end: the figure on its own
            jdbc.sql("select count(*), coalesce(sum(persons), 0) from (" + st.sql() + ") x")
                    .params(st.params())
                    .query((ResultSet rs) -> {
                        total[0] = rs.getLong(1);
                        total[1] = rs.getLong(2);
                    });
        }
        Long kept = kept(r.region(), day, by, key, identity, state);
        return new FigureHouseholds(
                r.region(), day, total[0], total[1], kept, kept != null && kept != total[0], from, size, named(rows));
    }

    /**
     * The households behind a change figure of {@link Statistics#changes} for the region and period, each once;
     * {@code row}: only those under that child region (a row of the figures' table); {@code after}: of the households
     * eliminated, those whose risk had lasted so long ({@link RegistryFigures#RISK_AGES}).
     */
    @Transactional
    public FigureHouseholds changes(
            String regionCode,
            Period period,
            MonitoringChange change,
            String row,
            String after,
            int offset,
            int limit) {
        if (after != null && !after.isBlank() && !RegistryFigures.RISK_AGES.contains(after)) {
            throw ApiException.invalid("after", messages.get("statistics.list.risk-age", RegistryFigures.RISK_AGES));
        }
        ChangeCounts.Collected c = statistics.changed(regionCode, period);
        Set<Long> ids;
        if (row != null && !row.isBlank()) {
            ids = c.perRegion().getOrDefault(row.strip(), Map.of()).getOrDefault(change, Set.of());
        } else {
            ids = c.total().getOrDefault(change, Set.of());
        }
        if (after != null && !after.isBlank()) {
            Set<Long> aged = new HashSet<>();
            c.eliminations().forEach((id, e) -> {
                if (RegistryFigures.riskAge(e[1], e[0]).equals(after)) {
                    aged.add(id);
                }
            });
            aged.retainAll(ids);
            ids = aged;
        }
        return households(c.region(), c.to(), ids, offset, limit);
    }

    /** The alerts behind a figure of {@link Statistics#activity} (the period up to today). */
    @Transactional(readOnly = true)
    public FigureEntries alerts(String regionCode, Period period, AlertFigure figure, int offset, int limit) {
        RegionReach.Reached r = reach.reach(regionCode);
        LocalDate to = statistics.activityTo(period);
        ActivityCounts.Entries e =
                activity.alertEntries(r.range(), period.first(), to, figure, Math.max(0, offset), limit(limit));
        return entries(r.region(), period.first(), to, e, offset, limit);
    }

    /** The cases behind a figure of {@link Statistics#activity}: of one kind, or of both when none is given. */
    @Transactional(readOnly = true)
    public FigureEntries cases(
            String regionCode, Period period, CaseKind kind, CaseFigure figure, int offset, int limit) {
        RegionReach.Reached r = reach.reach(regionCode);
        LocalDate to = statistics.activityTo(period);
        ActivityCounts.Entries e =
                activity.caseEntries(r.range(), period.first(), to, kind, figure, Math.max(0, offset), limit(limit));
        return entries(r.region(), period.first(), to, e, offset, limit);
    }

    // ---- internals ----

    private record Row(
            long id,
            String householdNo,
            String villageCode,
            HouseholdIdentity identity,
            MonitoringState state,
            long persons,
            boolean removed) {}

    /** A city or a province: its lists are walked village by village from a snapshot's cells when there is one. */
    private static boolean wide(Region region) {
        return region.level().number() < RegionLevel.COUNTY.number();
    }

    private boolean has(Snapshots.Snapshot s, Dimension d) {
        return jdbc.sql("select exists (select 1 from stat_cell where snapshot_id = ? and dimension = ?)")
                .params(s.id(), d.name())
                .query(Boolean.class)
                .single();
    }

    /**
     * A wide region's list as of a frozen day: the snapshot's village cells give the figure (its total and persons)
     * and where a page starts; only the villages the page falls in are read from the history (each by its index), so
     * a province's page costs about what a village's does.
     */
    private FigureHouseholds byVillage(
            RegionReach.Reached r,
            LocalDate day,
            Snapshots.Snapshot s,
            Dimension by,
            String key,
            HouseholdIdentity identity,
            MonitoringState state,
            int offset,
            int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("s", s.id());
        params.put("dim", by.name());
        params.put("lo", r.range().low());
        params.put("hi", r.range().high());
        String where = "";
        if (identity != null) {
            where += " and identity = :identity";
            params.put("identity", identity.name());
        }
        if (state != null) {
            where += " and state = :state";
            params.put("state", state.name());
        }
        if (key != null) {
            where += " and key = :key";
            params.put("key", key);
        }
        List<String> villages = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        jdbc.sql("select village_code, sum(households), sum(persons) from stat_cell where snapshot_id = :s and"
                        + " dimension = :dim and village_code between :lo and :hi" + where
                        + " group by village_code having sum(households) > 0 order by village_code")
                .params(params)
                .query((ResultSet rs) -> {
                    villages.add(rs.getString(1));
                    counts.add(new long[] {rs.getLong(2), rs.getLong(3)});
                });
        long total = counts.stream().mapToLong(c -> c[0]).sum();
        long persons = counts.stream().mapToLong(c -> c[1]).sum();
        int from = Math.max(0, offset);
        int size = limit(limit);
        // the villages the page falls in, and how many of the first one's households come before it
        List<String> pageVillages = new ArrayList<>();
        long skip = 0;
        long before = 0;
        long taken = 0;
        for (int i = 0; i < villages.size() && taken < size; i++) {
            long n = counts.get(i)[0];
            if (before + n <= from) {
                before += n;
                continue;
            }
            if (pageVillages.isEmpty()) {
                skip = from - before;
                taken = n - skip;
            } else {
                taken += n;
            }
            before += n;
            pageVillages.add(villages.get(i));
        }
        List<Row> rows = List.of();
        boolean amended = false;
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < villages.size(); i++) {
            if (pageVillages.contains(villages.get(i))) {
                expected.put(villages.get(i), counts.get(i)[0]);
            }
        }
        if (!pageVillages.isEmpty()) {
            RegistryFigures.Statement st = figures.householdsStatement(
                    day,
                    r.range(),
                    pageVillages,
                    snapshots.lines(day),
                    by,
                    key,
                    identity,
                    state,
                    CaseworkLedgers.MEASURES_TAKEN);
            rows = page(st, (int) skip, size);
            amended = !live(st).equals(expected);
        }
        return new FigureHouseholds(r.region(), day, total, persons, total, amended, from, size, named(rows));
    }

    /** A statement's households per village, as the history says now. */
    private Map<String, Long> live(RegistryFigures.Statement st) {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("select village_code, count(*) from (" + st.sql() + ") x group by village_code")
                .params(st.params())
                .query((ResultSet rs) -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    /** A page of a statement's households, by village and number. */
    private List<Row> page(RegistryFigures.Statement st, int offset, int limit) {
        return jdbc.sql("select household_id, household_no, village_code, identity, state, persons from (" + st.sql()
                        + ") x order by village_code, household_no, household_id offset :offset limit :limit")
                .params(st.params())
                .param("offset", offset)
                .param("limit", limit)
                .query((rs, i) -> row(rs))
                .list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                HouseholdIdentity.valueOf(rs.getString(4)),
                MonitoringState.valueOf(rs.getString(5)),
                rs.getLong(6),
                false);
    }

    /** The figure of a month end as its snapshot keeps it (null for any other day, counted live from the history). */
    private Long kept(
            Region region, LocalDate day, Dimension by, String key, HouseholdIdentity identity, MonitoringState state) {
        if (!snapshots.freezes(day)) {
            return null;
        }
        boolean keyed = by != null && key != null;
        Statistics.Stock s = statistics.stock(region.code(), day, keyed ? by : Dimension.CATEGORY);
        if (s.source().live()) {
            return null;
        }
        return s.rows().stream()
                .filter(x -> (identity == null || x.identity() == identity)
                        && (state == null || x.state() == state)
                        && (!keyed || x.key().equals(key)))
                .mapToLong(Statistics.Row::households)
                .sum();
    }

    /** A page of the households of a set, as they are now, by village and number. */
    private FigureHouseholds households(Region region, LocalDate day, Collection<Long> ids, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = limit(limit);
        // counted where they were then; listed as they are now — those deleted or moved out of the caller's reach
        // since are listed without their number or village (the order puts them last)
        Map<String, Object> p = new HashMap<>();
        String reachable = dataScope.current().condition("h.village_code", p);
        p.put("ids", ids.toArray(Long[]::new));
        p.put("offset", from);
        p.put("limit", size);
        List<Row> rows = jdbc.sql("select household_id, household_no, village_code, identity, monitoring_state,"
                        + " members, deleted or not (" + reachable + ") as gone from (" + RegistryLedgers.LATEST
                        + ") h where household_id = any(:ids) order by 7, village_code, household_no, household_id"
                        + " offset :offset limit :limit")
                .params(p)
                .query((rs, i) -> {
                    boolean gone = rs.getBoolean(7);
                    return new Row(
                            rs.getLong(1),
                            gone ? null : rs.getString(2),
                            gone ? null : rs.getString(3),
                            HouseholdIdentity.valueOf(rs.getString(4)),
                            MonitoringState.valueOf(rs.getString(5)),
                            gone ? 0 : rs.getLong(6),
                            gone);
                })
                .list();
        Map<String, Object> q = new HashMap<>();
        String inReach = dataScope.current().condition("h.village_code", q);
        q.put("ids", ids.toArray(Long[]::new));
        long persons = ids.isEmpty()
                ? 0
                : jdbc.sql("select coalesce(sum(members), 0) from (" + RegistryLedgers.LATEST
                                + ") h where household_id = any(:ids) and not deleted and " + inReach)
                        .params(q)
                        .query(Long.class)
                        .single();
        return new FigureHouseholds(region, day, ids.size(), persons, null, false, from, size, named(rows));
    }

    private List<FigureHousehold> named(List<Row> rows) {
        Set<String> codes = new HashSet<>();
        rows.stream().filter(x -> x.villageCode() != null).forEach(x -> {
            codes.add(x.villageCode());
            codes.add(township(x.villageCode()));
        });
        Map<String, String> names = regions.names(codes);
        List<FigureHousehold> out = new ArrayList<>();
        for (Row x : rows) {
            out.add(new FigureHousehold(
                    x.id(),
                    x.householdNo(),
                    x.villageCode(),
                    x.villageCode() == null ? null : names.getOrDefault(x.villageCode(), x.villageCode()),
                    x.villageCode() == null ? null : names.getOrDefault(township(x.villageCode()), ""),
                    x.identity(),
                    x.state(),
                    x.persons(),
                    x.removed()));
        }
        return out;
    }

    private FigureEntries entries(
            Region region, LocalDate from, LocalDate to, ActivityCounts.Entries e, int offset, int limit) {
        Map<Long, Registry.Standing> standings = registry.standings(e.items().stream()
                .map(ActivityCounts.Entry::householdId)
                .distinct()
                .toList());
        Map<String, String> names = regions.names(e.items().stream()
                .map(ActivityCounts.Entry::villageCode)
                .distinct()
                .toList());
        List<FigureEntry> items = e.items().stream()
                .map(x -> new FigureEntry(
                        x.id(),
                        x.householdId(),
                        standings.containsKey(x.householdId())
                                ? standings.get(x.householdId()).householdNo()
                                : null,
                        x.villageCode(),
                        names.getOrDefault(x.villageCode(), x.villageCode()),
                        x.on()))
                .toList();
        return new FigureEntries(region, from, to, e.total(), Math.max(0, offset), limit(limit), items);
    }

    private static String township(String village) {
        return village.substring(0, RegionCode.LENGTH - 3) + "000";
    }

    private static int limit(int limit) {
        return Math.max(1, Math.min(limit, MAX_LIMIT));
    }
}
