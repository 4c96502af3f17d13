package org.fangpin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedType;
import org.fangpin.quality.QualityRuns;
import org.fangpin.quality.QualitySource;
import org.fangpin.region.RegionImporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data-quality checks at province scale: the monitoring benchmark's generated lake (registry snapshot and every
 * feed for {@code persons}), then a run of every active check — the lake's in one DuckDB query streamed to the
 * platform, the issues written to PostgreSQL — beside a hand-written DuckDB query of the same lake checks over the
 * same files (the conditions written out with the default parameter values), compared check by check.
 */
final class QualityChecksBench {

    private QualityChecksBench() {}

    static void run(ConfigurableApplicationContext ctx, long persons) throws Exception {
        Lake lake = ctx.getBean(Lake.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        long t0 = System.nanoTime();
        Path regions = Files.createTempFile("regions", ".csv");
        Files.writeString(regions, "code,name,parent_code,level\n420000000000,湖北省,,1\n");
        ctx.getBean(RegionImporter.class).importFile(regions, "regions.csv", "bench", Locale.CHINA);
        Map<FeedType, Long> rows = MonitorBench.generate(lake, jdbc, persons);
        System.out.printf(
                "generated a lake of %,d persons and %,d feed rows in %d s%n",
                persons,
                rows.values().stream().mapToLong(Long::longValue).sum(),
                (System.nanoTime() - t0) / 1_000_000_000);
        QualityRuns runs = ctx.getBean(QualityRuns.class);
        System.gc();
        long r0 = System.nanoTime();
        QualityRuns.QualityRun run = runs.run(MonitorBench.AS_OF);
        long all = (System.nanoTime() - r0) / 1_000_000;
        System.out.printf(
                "quality run: %d ms in all; lake checks %d ms (query and rows to the platform), database checks %d ms;"
                        + " found %s; %,d issues opened%n",
                all, run.lakeMillis(), run.databaseMillis(), run.found(), run.opened());
        long best = Long.MAX_VALUE;
        Map<String, Long> byHand = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                MonitorBench.views(st, lake, jdbc);
                long s = System.nanoTime();
                st.execute("create table hand as " + handWritten());
                best = Math.min(best, (System.nanoTime() - s) / 1_000_000);
                byHand.clear();
                try (ResultSet rs = st.executeQuery("select check_code, count(*) from hand group by 1")) {
                    while (rs.next()) {
                        byHand.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        }
        // the hand-written query's households read by the application, as a run reads its own
        long streamed = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                MonitorBench.views(st, lake, jdbc);
                long s = System.nanoTime();
                long n = 0;
                try (ResultSet rs = st.executeQuery(handWritten())) {
                    while (rs.next()) {
                        n += rs.getLong(2) > 0 ? 1 : 0;
                        rs.getString(1);
                    }
                }
                streamed = Math.min(streamed, (System.nanoTime() - s) / 1_000_000);
            }
        }
        System.out.printf(
                "hand-written, its rows read through JDBC: %d ms (best of 2); ratio lake checks / this: %.2f%n",
                streamed, (double) run.lakeMillis() / streamed);
        // the platform's own lake query, run the same way (materialised in DuckDB, nothing sent to the platform)
        String sql = runs.sql(QualitySource.LAKE, MonitorBench.AS_OF);
        long engine = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                MonitorBench.views(st, lake, jdbc);
                long s = System.nanoTime();
                st.execute("create table eng as " + sql);
                engine = Math.min(engine, (System.nanoTime() - s) / 1_000_000);
            }
        }
        System.out.printf(
                "the platform's lake query run the same way: %d ms (best of 2), ratio to hand-written %.2f%n",
                engine, (double) engine / best);
        long differences = 0;
        for (String check : new String[] {
            "DECEASED_ACTIVE",
            "PAYMENT_AFTER_DEATH",
            "WAGE_MISMATCH",
            "UNSAFE_HOUSE_COUNTED_SAFE",
            "RELIEF_AFTER_ELIMINATION",
            "INCOME_JUMP_BEFORE_ELIMINATION"
        }) {
            differences += Math.abs(byHand.getOrDefault(check, 0L) - run.found().getOrDefault(check, 0));
        }
        System.out.printf(
                "hand-written DuckDB SQL of the lake checks: %d ms (best of 2), found %s; %d differences%n",
                best, byHand, differences);
        System.out.printf(
                "ratio lake checks / hand-written: %.2f; whole run / hand-written: %.2f%n",
                (double) run.lakeMillis() / best, (double) all / best);
    }

    /**
     * The six lake checks written out by hand: deaths registered 30 days or more before the day of members still
     * registered, payments or wages more than 31 days after a death, wages of 脱贫户 and monitored households more
     * than 30 % and 2,000 yuan from twelve months of the employment feed annualised, a house the housing department
     * last graded C or D registered otherwise, temporary relief within 180 days after an elimination, a net income
     * raised by more than half over the year before within a year of an elimination with no such wages in the feed.
     */
    static String handWritten() {
        String day = "DATE '" + MonitorBench.AS_OF + "'";
        String from = "DATE '" + MonitorBench.AS_OF.minusMonths(11).withDayOfMonth(1) + "'";
        return """
                with d as (
                    select p.household_id, p.id_hash, max(r.event_date) as died
                    from feed_household_registration r join person p using (id_hash)
                    where r.registration_event = 'DEATH' and r.event_date <= %1$s
                    group by p.household_id, p.id_hash, p.person_id),
                months as (select count(distinct month) as n from feed_employment where month between %2$s and %1$s),
                w as (
                    select p.household_id, cast(sum(e.wage) * 12 / (select n from months) as decimal(14, 2)) as annual
                    from feed_employment e join person p using (id_hash)
                    where e.month between %2$s and %1$s group by 1),
                g as (
                    select household_id, arg_max(grade, k) as grade from (
                        select h.household_id, f.housing_grade as grade, (f.assessed_on, f.period, f.line) as k
                        from feed_housing f join household h on h.household_no = f.household_no
                        where f.assessed_on <= %1$s) x group by 1)
                select distinct 'DECEASED_ACTIVE' as check_code, household_id from d where date_diff('day', died, %1$s) > 30
                union all
                select distinct 'PAYMENT_AFTER_DEATH', household_id from (
                    select d.household_id from d join feed_social_assistance a using (id_hash)
                    where a.start_date > d.died + 31 and a.start_date <= %1$s
                    union all
                    select d.household_id from d join feed_employment e using (id_hash)
                    where e.month > d.died + 31 and e.month <= %1$s and e.wage > 0)
                union all
                select 'WAGE_MISMATCH', h.household_id from household h join w using (household_id)
                where (h.identity = 'EXITED' or h.monitoring_state <> 'NONE')
                  and abs(coalesce(h.income_wage, 0) - w.annual) > 2000
                  and abs(coalesce(h.income_wage, 0) - w.annual) > 0.3 * w.annual
                union all
                select 'UNSAFE_HOUSE_COUNTED_SAFE', h.household_id from household h join g using (household_id)
                where g.grade in ('C', 'D') and coalesce(h.housing_grade, '') not in ('C', 'D')
                union all
                select distinct 'RELIEF_AFTER_ELIMINATION', h.household_id
                from household h join person p using (household_id) join feed_social_assistance a using (id_hash)
                where h.monitoring_state = 'ELIMINATED' and a.assistance_type = 'TEMPORARY'
                  and a.start_date > h.eliminated_on and a.start_date <= %1$s
                  and a.start_date <= h.eliminated_on + 180
                union all
                select 'INCOME_JUMP_BEFORE_ELIMINATION', h.household_id from household h left join w using (household_id)
                where h.monitoring_state = 'ELIMINATED' and date_diff('day', h.eliminated_on, %1$s) <= 365
                  and h.income_year is not null and h.income_year <= year(h.eliminated_on) and h.prev_income_net > 0
                  and coalesce(h.income_wage, 0) + coalesce(h.income_production, 0) + coalesce(h.income_property, 0)
                      + coalesce(h.income_transfer, 0) - coalesce(h.production_cost, 0)
                      - h.prev_income_net > 0.5 * h.prev_income_net
                  and (w.annual is null or coalesce(h.income_wage, 0) - w.annual > 2000)""".formatted(day, from);
    }
}
