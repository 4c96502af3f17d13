package org.fangpin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.quality.QualityRuns;
import org.fangpin.quality.QualitySource;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The data-quality checks of the registry against itself (一人多户, 多户共用电话) at province scale, in PostgreSQL where
 * the names and phone hashes are: a generated province imported, then the platform's query of the active REGISTRY
 * checks (compiled from their rule expressions with the parameters in force) beside a hand-written query of the same
 * two checks with the default values, each evaluated in full and counted, best of 3, both with the run's {@code
 * work_mem}; then a whole run.
 */
final class RegistryChecksBench {

    private RegistryChecksBench() {}

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed) throws Exception {
        Clock clock = ctx.getBean(Clock.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        NamedParameterJdbcTemplate named = ctx.getBean(NamedParameterJdbcTemplate.class);
        LocalDate registered = LocalDate.now(clock).minusMonths(1).withDayOfMonth(1);
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
                files.persons(), files.households(), registered, (System.nanoTime() - t0) / 1_000_000_000);
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> binds = new HashMap<>();
        binds.put("asOf", today);
        String platform = "select count(*) filter (where c0 is not null), count(*) filter (where c1 is not null)"
                + " from (" + ctx.getBean(QualityRuns.class).sql(QualitySource.REGISTRY, today) + ") q";
        long[] mine = new long[2];
        long[] hand = new long[2];
        long best = Long.MAX_VALUE;
        long byHand = Long.MAX_VALUE;
        // both in a transaction with the run's work_mem
        TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
        for (int i = 0; i < 3; i++) {
            best = Math.min(
                    best,
                    timed(
                            tx,
                            jdbc,
                            () -> named.query(platform, binds, rs -> {
                                mine[0] = rs.getLong(1);
                                mine[1] = rs.getLong(2);
                            })));
            byHand = Math.min(
                    byHand,
                    timed(
                            tx,
                            jdbc,
                            () -> named.query(handWritten(), binds, rs -> {
                                hand[0] = rs.getLong(1);
                                hand[1] = rs.getLong(2);
                            })));
        }
        System.out.printf(
                "registry checks, platform query: %d ms (best of 3), found %d one-person-two-households, %d shared"
                        + " phones%n",
                best, mine[0], mine[1]);
        System.out.printf(
                "hand-written: %d ms (best of 3), found %d and %d; ratio %.2f; %d differences%n",
                byHand,
                hand[0],
                hand[1],
                (double) best / byHand,
                Math.abs(mine[0] - hand[0]) + Math.abs(mine[1] - hand[1]));
        long r0 = System.nanoTime();
        QualityRuns.QualityRun run = ctx.getBean(QualityRuns.class).run(today);
        System.out.printf(
                "whole quality run: %d ms (lake %d ms, database %d ms); found %s; %,d issues opened%n",
                (System.nanoTime() - r0) / 1_000_000,
                run.lakeMillis(),
                run.databaseMillis(),
                run.found(),
                run.opened());
        return 0;
    }

    /**
     * The two checks by hand, with the default values: households with a current member whose name, birth date and
     * sex are a member's of another household; households with a member whose phone is given for 3 households or more.
     */
    static String handWritten() {
        return """
                with p as (
                    select p.household_id, p.name, p.birth_date, p.sex, p.phone_hash
                    from person p join household h on h.household_id = p.household_id
                         and h.valid_to is null and not h.deleted
                    where p.valid_to is null and not p.deleted),
                t as (select name, birth_date, sex from p group by 1, 2, 3 having count(distinct household_id) > 1),
                ph as (select phone_hash from p where phone_hash is not null
                       group by 1 having count(distinct household_id) >= 3)
                select (select count(distinct household_id) from p join t using (name, birth_date, sex)),
                       (select count(distinct household_id) from p join ph using (phone_hash))""";
    }

    private static long timed(TransactionTemplate tx, JdbcClient jdbc, Runnable query) {
        return tx.execute(status -> {
            jdbc.sql("set local work_mem = '" + QualityRuns.AGGREGATE_MEMORY + "'")
                    .update();
            long s = System.nanoTime();
            query.run();
            return (System.nanoTime() - s) / 1_000_000;
        });
    }

    private static void check(ImportReport r) {
        if (!r.applied()) {
            throw new IllegalStateException("import refused: " + r.errors());
        }
    }
}
