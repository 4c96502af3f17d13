package org.fangpin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statistics at province scale: a generated population registered three months ago, last month's end frozen (the
 * snapshot's cost), then the statistics reads a page makes — a province's and a county's figures by dimension, a
 * year's changes — each beside hand-written SQL of the same figures in the same run: over the snapshot's cells (the
 * floor of a read) and over the registry's versions (what a figure costs without the snapshot).
 */
final class StatisticsBench {

    private StatisticsBench() {}

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed) throws Exception {
        Clock clock = ctx.getBean(Clock.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        Statistics statistics = ctx.getBean(Statistics.class);
        LocalDate today = LocalDate.now(clock);
        LocalDate registered = today.minusMonths(3).withDayOfMonth(1);
        LocalDate monthEnd = YearMonth.from(today).minusMonths(1).atEndOfMonth();

        long t0 = System.nanoTime();
        DemoPopulation.Result files = DemoPopulation.write(new DemoPopulation.Spec(persons, seed, registered), dir);
        check(ctx.getBean(RegionImporter.class).importFile(files.regionsCsv(), "regions.csv", "bench", Locale.CHINA));
        check(ctx.getBean(HouseholdImporter.class)
                .importFile(
                        files.householdsCsv(),
                        "households.csv",
                        "bench",
                        Locale.CHINA,
                        new HouseholdImporter.Options(registered, "bench")));
        jdbc.sql("analyze household").update();
        jdbc.sql("analyze person").update();
        System.out.printf(
                "registered %d persons in %d households as of %s in %d s%n",
                files.persons(), files.households(), registered, ms(t0) / 1000);

        RegionDirectory regions = ctx.getBean(RegionDirectory.class);
        Region province = regions.atLevel(RegionLevel.PROVINCE).get(0);
        Region county = regions.atLevel(RegionLevel.COUNTY).get(0);

        long s0 = System.nanoTime();
        Statistics.Stock first = statistics.stock(province.code(), monthEnd, Dimension.CATEGORY);
        System.out.printf(
                "month-end snapshot of %s (whole installation, computed by the first read): %d ms%n", monthEnd, ms(s0));
        long cells =
                jdbc.sql("select count(*) from stat_cell").query(Long.class).single();
        long rows = first.rows().size();
        System.out.printf("snapshot: %d cells; the province's first read gave %d rows%n", cells, rows);

        System.out.println("| read | API (median of 5) | hand-written over the snapshot | ratio | hand-written over the"
                + " registry's versions |");
        System.out.println("|---|---|---|---|---|");
        for (Dimension d : List.of(Dimension.CATEGORY, Dimension.CAUSE, Dimension.AGE, Dimension.INCOME)) {
            long api = median(() -> statistics.stock(province.code(), monthEnd, d));
            long floor = median(() -> jdbc.sql("select substr(village_code, 1, 4), identity, state, key,"
                            + " sum(households), sum(persons) from stat_cell where snapshot_id = (select max(id) from"
                            + " stat_snapshot) and dimension = ? and village_code between ? and ? group by 1, 2, 3, 4")
                    .params(
                            d.name(),
                            province.subtree().low(),
                            province.subtree().high())
                    .query()
                    .listOfRows());
            System.out.printf(
                    "| province (%s) as of %s by %s | %d ms | %d ms | %.2f | %s |%n",
                    province.name(),
                    monthEnd,
                    d,
                    api,
                    floor,
                    ratio(api, floor),
                    d == Dimension.CATEGORY ? once(() -> live(jdbc, province, monthEnd)) + " ms" : "—");
        }
        long year = median(() -> statistics.changes(province.code(), Period.parse(Integer.toString(today.getYear()))));
        System.out.printf(
                "| province, changes of %d (frozen months + this one live) | %d ms | — | — | — |%n",
                today.getYear(), year);
        long countyLive = median(() -> statistics.stock(county.code(), today, Dimension.CATEGORY));
        long countyBase = median(() -> live(jdbc, county, today));
        System.out.printf(
                "| county (%s) today by CATEGORY (live) | %d ms | — | — | %d ms (ratio %.2f) |%n",
                county.name(), countyLive, countyBase, ratio(countyLive, countyBase));
        long provinceLive = once(() -> statistics.stock(province.code(), today, Dimension.CATEGORY));
        System.out.printf(
                "| province today by CATEGORY (live, no snapshot) | %d ms (once) | — | — | — |%n", provinceLive);
        // the night's close of yesterday, as the schedule makes it; then a province's "today" reads it (T+1)
        long c0 = System.nanoTime();
        Statistics.Source close = statistics.close(today.minusDays(1));
        System.out.printf("yesterday's close (nightly snapshot #%d): %d ms%n", close.snapshot(), ms(c0));
        for (Dimension d : List.of(Dimension.CATEGORY, Dimension.CAUSE)) {
            long api = median(() -> statistics.stock(province.code(), today, d));
            long floor = median(() -> jdbc.sql("select substr(village_code, 1, 4), identity, state, key,"
                            + " sum(households), sum(persons) from stat_cell where snapshot_id = ? and dimension = ?"
                            + " and village_code between ? and ? group by 1, 2, 3, 4")
                    .params(
                            close.snapshot(),
                            d.name(),
                            province.subtree().low(),
                            province.subtree().high())
                    .query()
                    .listOfRows());
            System.out.printf(
                    "| province today by %s (yesterday's close, T+1) | %d ms | %d ms | %.2f | — |%n",
                    d, api, floor, ratio(api, floor));
        }
        // the months since registration (earlier month ends would each be frozen by the first read)
        long trend = median(() -> statistics.trend(province.code(), 3));
        System.out.printf("| province trend, 3 month ends + yesterday's close | %d ms | — | — | — |%n", trend);
        return 0;
    }

    /** The category figures under a region as of a day, by child region, straight from the versioned rows. */
    private static Object live(JdbcClient jdbc, Region region, LocalDate d) {
        int digits = region.level() == RegionLevel.VILLAGE
                ? 12
                : RegionLevel.of(region.level().number() + 1).digits();
        return jdbc.sql("""
                select substr(h.village_code, 1, :digits), h.identity, h.monitoring_state,
                       coalesce(h.monitoring_category, ''), count(*), coalesce(sum(m.n), 0)
                from household h
                left join lateral (select count(*) n from person p
                                   where p.household_id = h.household_id and p.valid_from <= :d
                                     and (p.valid_to is null or p.valid_to > :d) and not p.deleted) m on true
                where h.valid_from <= :d and (h.valid_to is null or h.valid_to > :d) and not h.deleted
                  and h.village_code between :lo and :hi
                group by 1, 2, 3, 4""")
                .param("digits", digits)
                .param("d", d)
                .param("lo", region.subtree().low())
                .param("hi", region.subtree().high())
                .query()
                .listOfRows();
    }

    private static long median(Supplier<?> work) {
        work.get(); // warm-up
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(once(work));
        }
        Collections.sort(times);
        return times.get(2);
    }

    private static long once(Supplier<?> work) {
        long s = System.nanoTime();
        work.get();
        return ms(s);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static void check(ImportReport r) {
        if (!r.applied()) {
            throw new IllegalStateException(
                    "import rejected: " + r.errors().stream().limit(5).toList());
        }
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
