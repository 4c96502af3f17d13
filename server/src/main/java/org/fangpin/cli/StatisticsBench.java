package org.fangpin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryFigures;
import org.fangpin.registry.RegistryFigures.Dimension;
import org.fangpin.reporting.Activity;
import org.fangpin.reporting.Period;
import org.fangpin.reporting.Statistics;
import org.fangpin.reporting.StatisticsLists;
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
        LocalDate registered = today.minusMonths(1).withDayOfMonth(1);
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

        long w0 = System.nanoTime();
        long[] work = work(jdbc, registered, today, clock);
        System.out.printf(
                "case work written: %d plans, %d measures, %d alerts (%d events), %d cases in %d s%n",
                work[0], work[1], work[2], work[3], work[4], ms(w0) / 1000);

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

        System.out.println("| read | API (median of 5) | hand-written over the roll-up | ratio | hand-written over the"
                + " village cells | hand-written over the registry's versions |");
        System.out.println("|---|---|---|---|---|---|");
        for (Dimension d : List.of(
                Dimension.CATEGORY,
                Dimension.CAUSE,
                Dimension.AGE,
                Dimension.INCOME,
                Dimension.MEASURE,
                Dimension.RISK_AGE)) {
            double api = median(() -> statistics.stock(province.code(), monthEnd, d));
            double floor = median(() -> rollup(jdbc, province, d, null));
            double cellsRead = median(() -> cells(jdbc, province, d, null));
            System.out.printf(
                    "| province (%s) as of %s by %s | %.1f ms | %.1f ms | %.2f | %.1f ms | %s |%n",
                    province.name(),
                    monthEnd,
                    d,
                    api,
                    floor,
                    ratio(api, floor),
                    cellsRead,
                    d == Dimension.CATEGORY
                            ? String.format("%.0f ms", once(() -> live(jdbc, province, monthEnd)))
                            : "—");
        }
        double year =
                median(() -> statistics.changes(province.code(), Period.parse(Integer.toString(today.getYear()))));
        System.out.printf(
                "| province, changes of %d (frozen months + this one live) | %.1f ms | — | — | — |%n",
                today.getYear(), year);
        double countyLive = median(() -> statistics.stock(county.code(), today, Dimension.CATEGORY));
        double countyBase = median(() -> live(jdbc, county, today));
        System.out.printf(
                "| county (%s) today by CATEGORY (live) | %.1f ms | — | — | %.1f ms (ratio %.2f) |%n",
                county.name(), countyLive, countyBase, ratio(countyLive, countyBase));
        double provinceLive = once(() -> statistics.stock(province.code(), today, Dimension.CATEGORY));
        System.out.printf(
                "| province today by CATEGORY (live, no snapshot) | %.1f ms (once) | — | — | — |%n", provinceLive);
        // the night's close of yesterday, as the schedule makes it; then a province's "today" reads it (T+1)
        long c0 = System.nanoTime();
        Statistics.Source close = statistics.close(today.minusDays(1));
        System.out.printf("yesterday's close (nightly snapshot #%d): %d ms%n", close.snapshot(), ms(c0));
        for (Dimension d : List.of(Dimension.CATEGORY, Dimension.CAUSE)) {
            double api = median(() -> statistics.stock(province.code(), today, d));
            double floor = median(() -> rollup(jdbc, province, d, close.snapshot()));
            double cellsRead = median(() -> cells(jdbc, province, d, close.snapshot()));
            System.out.printf(
                    "| province today by %s (yesterday's close, T+1) | %.1f ms | %.1f ms | %.2f | %.1f ms | — |%n",
                    d, api, floor, ratio(api, floor), cellsRead);
        }
        // 12 month ends: those before the registration hold nothing and freeze nothing; then yesterday's close
        double trend = median(() -> statistics.trend(province.code(), 12));
        System.out.printf("| province trend, 12 month ends + yesterday's close | %.1f ms | — | — | — | — |%n", trend);
        Period thisYear = Period.parse(Integer.toString(today.getYear()));
        double activity = median(() -> statistics.activity(province.code(), thisYear));
        double activityBase = median(() -> activityByHand(jdbc, province, today.withDayOfYear(1), today, clock));
        System.out.printf(
                "| province, alerts and cases of %d | %.1f ms | %.1f ms (over the tables) | %.2f | — | — |%n",
                today.getYear(), activity, activityBase, ratio(activity, activityBase));
        // what the statistics page reads, one after the other (the page's own rendering adds little)
        Period thisMonth = Period.parse(YearMonth.from(today).toString());
        for (Region r : List.of(province, county)) {
            double page = median(() -> {
                var stocks = statistics.stocks(
                        r.code(),
                        null,
                        EnumSet.of(
                                Dimension.CATEGORY,
                                Dimension.CAUSE,
                                Dimension.MEASURE,
                                Dimension.RISK_AGE,
                                Dimension.INCOME));
                statistics.trend(r.code(), 12, stocks);
                statistics.changes(r.code(), thisMonth);
                return statistics.activity(r.code(), thisMonth);
            });
            System.out.printf(
                    "| the statistics page's reads, %s today (%s) | %.1f ms | — | — | — | — |%n",
                    r.level(), r.name(), page);
        }
        lists(ctx, jdbc, province, county, today, monthEnd);
        return 0;
    }

    /**
     * 统计明细: a page of 50 of the households (alerts) behind a figure — a province's from the close's or the month
     * end's cells, village by village; a county's counted live — beside hand-written SQL of the same page and count.
     */
    private static void lists(
            ConfigurableApplicationContext ctx,
            JdbcClient jdbc,
            Region province,
            Region county,
            LocalDate today,
            LocalDate monthEnd) {
        StatisticsLists lists = ctx.getBean(StatisticsLists.class);
        Period year = Period.parse(Integer.toString(today.getYear()));
        System.out.println("| list behind a figure (a page of 50) | API | hand-written | ratio |");
        System.out.println("|---|---|---|---|");
        long monitoredIll = lists.stock(
                        province.code(), null, Dimension.CAUSE, "ILLNESS", null, MonitoringState.MONITORED, 0, 1)
                .total();
        for (LocalDate d : Arrays.asList(null, monthEnd)) {
            for (int offset : List.of(0, (int) (monitoredIll / 2))) {
                double api = median(() -> lists.stock(
                        province.code(), d, Dimension.CAUSE, "ILLNESS", null, MonitoringState.MONITORED, offset, 50));
                System.out.printf(
                        "| province %s, 因病 monitored (%d), from row %d | %.1f ms | — | — |%n",
                        d == null ? "today (T+1)" : "as of " + d, monitoredIll, offset, api);
            }
        }
        double countyApi = median(() ->
                lists.stock(county.code(), null, Dimension.CAUSE, "ILLNESS", null, MonitoringState.MONITORED, 0, 50));
        double countyBase = median(() -> illnessByHand(jdbc, county, today));
        System.out.printf(
                "| county today (live), 因病 monitored | %.1f ms | %.1f ms | %.2f |%n",
                countyApi, countyBase, ratio(countyApi, countyBase));
        double countyAge = median(() -> lists.stock(county.code(), null, Dimension.AGE, "65+", null, null, 0, 50));
        System.out.printf("| county today (live), households with members of 65+ | %.1f ms | — | — |%n", countyAge);
        double changes = median(() ->
                lists.changes(province.code(), year, RegistryFigures.MonitoringChange.INCLUDED, null, null, 0, 50));
        System.out.printf("| province, included in %s | %.1f ms | — | — |%n", year, changes);
        double alerts = median(() -> lists.alerts(province.code(), year, Activity.AlertFigure.RAISED, 0, 50));
        System.out.printf("| province, alerts raised in %s | %.1f ms | — | — |%n", year, alerts);
    }

    /** The county's monitored households with 因病 today: their count and members, and the first 50, by hand. */
    private static Object illnessByHand(JdbcClient jdbc, Region region, LocalDate d) {
        String rows = """
                from household h
                where h.valid_from <= :d and (h.valid_to is null or h.valid_to > :d) and not h.deleted
                  and h.village_code between :lo and :hi and h.monitoring_state = 'MONITORED'
                  and 'ILLNESS' = any(h.risk_causes)""";
        Object count = jdbc.sql("select count(*), sum((select count(*) from person p where p.household_id ="
                        + " h.household_id and p.valid_from <= :d and (p.valid_to is null or p.valid_to > :d) and not"
                        + " p.deleted)) " + rows)
                .param("d", d)
                .param("lo", region.subtree().low())
                .param("hi", region.subtree().high())
                .query()
                .listOfRows();
        return List.of(
                count,
                jdbc.sql("select h.household_id, h.household_no, h.village_code " + rows
                                + " order by h.village_code, h.household_no, h.household_id limit 50")
                        .param("d", d)
                        .param("lo", region.subtree().low())
                        .param("hi", region.subtree().high())
                        .query()
                        .listOfRows());
    }

    /**
     * Case work at the scale of a province: a plan with one or two measures for most monitored households, an alert
     * for one household in fifteen (raised this year; most verified, some handed over) and a case for one in sixty.
     */
    private static long[] work(JdbcClient jdbc, LocalDate registered, LocalDate today, Clock clock) {
        String zone = clock.getZone().getId();
        long plans = jdbc.sql("insert into assistance_plan (household_id, household_no, village_code, started_on,"
                        + " visit_interval_days, created_by, updated_by) select household_id, household_no,"
                        + " village_code, ?, 30, 'bench', 'bench' from household where valid_to is null and not deleted"
                        + " and monitoring_state = 'MONITORED'")
                .param(registered)
                .update();
        long measures = jdbc.sql("insert into assistance_measure (household_id, measure_type, department, description,"
                        + " planned_start, status, created_by, updated_by) select p.household_id, t.code, t.department,"
                        + " '措施', p.started_on + (p.household_id % 20)::int, 'IN_PROGRESS', 'bench', 'bench'"
                        + " from assistance_plan p join measure_type t on t.ordinal in (1 + p.household_id % 16,"
                        + " 1 + (p.household_id / 16) % 16) where p.household_id % 7 <> 0")
                .update();
        UUID run = UUID.randomUUID();
        jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, 'RUN',"
                        + " 'SUCCEEDED', ?, 'bench', 'bench')")
                .params(run, today)
                .update();
        int days = Math.max(1, today.getDayOfYear());
        long alerts = jdbc.sql("insert into alert (run_id, household_id, household_no, village_code, status, severity,"
                        + " suggested_category, causes, rules, explanation, created_at) select ?, household_id,"
                        + " household_no, village_code, case household_id % 4 when 0 then 'NEW' when 1 then 'DISMISSED'"
                        + " when 2 then 'CONFIRMED' else 'HANDED' end, 'HIGH', 'MARGINAL', '{ILLNESS}', '{BENCH}', '{}',"
                        + " ((cast(? as date) + (household_id % ?)::int) + time '10:00') at time zone ?"
                        + " from household where valid_to is null and not deleted and household_id % 15 = 0")
                .params(run, today.withDayOfYear(1), days, zone)
                .update();
        long events = jdbc.sql("insert into alert_event (alert_id, at, actor, from_status, to_status) select id,"
                        + " least(created_at + interval '3 days', now()), 'bench', 'ASSIGNED', case status when"
                        + " 'DISMISSED' then 'DISMISSED' else 'CONFIRMED' end from alert where status <> 'NEW'")
                .update();
        events += jdbc.sql("insert into alert_event (alert_id, at, actor, from_status, to_status) select id,"
                        + " least(created_at + interval '5 days', now()), 'bench', 'CONFIRMED', 'HANDED' from alert"
                        + " where status = 'HANDED'")
                .update();
        long cases = jdbc.sql("insert into case_file (household_id, household_no, village_code, channel, statement,"
                        + " discovered_on, deadline, stage, opened_by, opened_at, closed_at, closed_on, kind)"
                        + " select household_id, household_no, village_code, 'CADRE_CHECK', '排查', d, d + 30,"
                        + " case when household_id % 3 = 0 then 'VERIFICATION' else 'INCLUDED' end, 'bench',"
                        + " (d + time '10:00') at time zone ?, case when household_id % 3 = 0 then null else now() end,"
                        + " case when household_id % 3 = 0 then null else least(d + (household_id % 45)::int,"
                        + " cast(? as date)) end, 'IDENTIFICATION'"
                        + " from (select *, cast(? as date) + (household_id % ?)::int as d from household"
                        + " where valid_to is null and not deleted and household_id % 60 = 0) h")
                .params(zone, today, today.withDayOfYear(1), days)
                .update();
        jdbc.sql("analyze assistance_measure").update();
        jdbc.sql("analyze alert").update();
        jdbc.sql("analyze alert_event").update();
        jdbc.sql("analyze case_file").update();
        return new long[] {plans, measures, alerts, events, cases};
    }

    /** A dimension's figures per child region from the roll-up of a snapshot (null: the latest). */
    private static Object rollup(JdbcClient jdbc, Region region, Dimension d, Long snapshot) {
        int digits = RegionLevel.of(region.level().number() + 1).digits();
        return jdbc.sql("select region_code, identity, state, key, households, persons from stat_rollup"
                        + " where snapshot_id = coalesce(cast(? as bigint), (select max(id) from stat_snapshot))"
                        + " and dimension = ? and digits = ? and region_code between ? and ?")
                .params(
                        snapshot,
                        d.name(),
                        digits,
                        region.subtree().low(),
                        region.subtree().high())
                .query()
                .listOfRows();
    }

    /** The same figures summed from the village cells (the read before the roll-ups). */
    private static Object cells(JdbcClient jdbc, Region region, Dimension d, Long snapshot) {
        int digits = RegionLevel.of(region.level().number() + 1).digits();
        return jdbc.sql("select substr(village_code, 1, ?), identity, state, key, sum(households), sum(persons)"
                        + " from stat_cell where snapshot_id = coalesce(cast(? as bigint), (select max(id) from"
                        + " stat_snapshot)) and dimension = ? and village_code between ? and ? group by 1, 2, 3, 4")
                .params(
                        digits,
                        snapshot,
                        d.name(),
                        region.subtree().low(),
                        region.subtree().high())
                .query()
                .listOfRows();
    }

    /** Alerts and cases of a span per child region, straight from monitoring's and case work's tables. */
    private static Object activityByHand(JdbcClient jdbc, Region region, LocalDate from, LocalDate to, Clock clock) {
        int digits = RegionLevel.of(region.level().number() + 1).digits();
        String zone = clock.getZone().getId();
        List<Object> out = new ArrayList<>();
        out.add(jdbc.sql("select substr(a.village_code, 1, :digits), count(*) from alert a where a.village_code"
                        + " between :lo and :hi and a.created_at >= (cast(:from as date) + time '00:00') at time zone"
                        + " :z and a.created_at < (cast(:to as date) + 1 + time '00:00') at time zone :z group by 1")
                .param("digits", digits)
                .param("lo", region.subtree().low())
                .param("hi", region.subtree().high())
                .param("z", zone)
                .param("from", from)
                .param("to", to)
                .query()
                .listOfRows());
        out.add(jdbc.sql("select substr(a.village_code, 1, :digits), e.to_status, count(distinct a.id) from"
                        + " alert_event e join alert a on a.id = e.alert_id where a.village_code between :lo and :hi"
                        + " and e.at >= (cast(:from as date) + time '00:00') at time zone :z and e.at < (cast(:to as"
                        + " date) + 1 + time '00:00') at time zone :z and e.to_status in ('CONFIRMED', 'DISMISSED',"
                        + " 'HANDED') group by 1, 2")
                .param("digits", digits)
                .param("lo", region.subtree().low())
                .param("hi", region.subtree().high())
                .param("z", zone)
                .param("from", from)
                .param("to", to)
                .query()
                .listOfRows());
        out.add(jdbc.sql("select substr(village_code, 1, :digits), kind, count(*) filter (where (opened_at at time"
                        + " zone :z)::date >= :from), count(*) filter (where closed_on between :from and :to and"
                        + " closed_on <= deadline), count(*) filter (where closed_on between :from and :to and"
                        + " closed_on > deadline), count(*) filter (where closed_on is null and deadline < :to)"
                        + " from case_file where village_code between :lo and :hi and (opened_at at time zone :z)::date"
                        + " <= :to and (closed_on is null or closed_on >= :from) group by 1, 2")
                .param("digits", digits)
                .param("lo", region.subtree().low())
                .param("hi", region.subtree().high())
                .param("z", zone)
                .param("from", from)
                .param("to", to)
                .query()
                .listOfRows());
        return out;
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

    /** The median of 5 runs after a warm-up, in milliseconds (to a tenth: a roll-up's read takes about one). */
    private static double median(Supplier<?> work) {
        work.get(); // warm-up
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(once(work));
        }
        Collections.sort(times);
        return times.get(2);
    }

    private static double once(Supplier<?> work) {
        long s = System.nanoTime();
        work.get();
        return (System.nanoTime() - s) / 1e6;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
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
