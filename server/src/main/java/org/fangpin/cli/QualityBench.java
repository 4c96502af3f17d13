package org.fangpin.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 抽查 at province scale: a generated province registered a month ago, then a draw of the whole province (township ×
 * 户属性 × 监测状态, the default share with its floor, and a fixed number per stratum) — the frame streamed for its
 * fingerprint, the sizes, the draw by SHA-256 in SQL and the households kept — beside the hand-written query of the
 * same draw (per stratum, ordered by the same hash, the first n) in the same run. The data-quality checks run before
 * it ({@link QualityChecksBench}).
 */
final class QualityBench {

    private QualityBench() {}

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed) throws Exception {
        Clock clock = ctx.getBean(Clock.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
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
        System.out.printf(
                "registered %d persons in %d households as of %s in %d s%n",
                files.persons(), files.households(), registered, ms(t0) / 1000);

        String province = ctx.getBean(RegionDirectory.class)
                .atLevel(RegionLevel.PROVINCE)
                .get(0)
                .code();
        SampleDraws draws = ctx.getBean(SampleDraws.class);
        LocalDate asOf = LocalDate.now(clock);
        int[] run = {0};
        System.out.println("| draw of the province | households drawn | strata | draw (median of 3) | hand-written"
                + " per-stratum ORDER BY hash LIMIT n (median of 3) | ratio |");
        System.out.println("|---|---|---|---|---|---|");
        TransactionTemplate tx = new TransactionTemplate(ctx.getBean(PlatformTransactionManager.class));
        for (BigDecimal fraction : new BigDecimal[] {null, new BigDecimal("0.2")}) {
            SampleDraws.SampleDraw[] last = new SampleDraws.SampleDraw[1];
            double draw = median(() -> {
                last[0] = draws.draw(
                        new SampleDraws.SampleRequest(province, asOf, "bench " + run[0]++, fraction, null, null));
                return 0;
            });
            SampleDraws.SampleDraw d = last[0];
            List<String> strata =
                    d.strata().stream().map(SampleDraws.SampleStratum::key).toList();
            Integer[] sizes =
                    d.strata().stream().map(SampleDraws.SampleStratum::drawn).toArray(Integer[]::new);
            int drawn = d.strata().stream()
                    .mapToInt(SampleDraws.SampleStratum::drawn)
                    .sum();
            // the same households by hand: the frame as of the day, per stratum the first n by the same hash
            // (with the same memory for its sort as the draw's)
            double byHand = median(() -> tx.execute(status -> {
                jdbc.sql("set local work_mem = '256MB'").update();
                return jdbc.sql("""
                            select count(*) from (
                                select row_number() over (partition by x.stratum
                                           order by sha256(convert_to(:seed, 'UTF8') || int8send(x.household_id))) as r,
                                       s.n
                                from (select household_id, substr(village_code, 1, 9) || '000/' || identity || '/'
                                             || monitoring_state as stratum
                                      from household
                                      where village_code between :low and :high and not deleted and valid_from <= :asOf
                                        and (valid_to is null or valid_to > :asOf)) x
                                join unnest(cast(:strata as text[]), cast(:sizes as int[])) as s(stratum, n)
                                  on s.stratum = x.stratum) t
                            where r <= n""")
                        .param("seed", "bench by hand " + run[0]++)
                        .param("low", province.substring(0, 2) + "0000000000")
                        .param("high", province.substring(0, 2) + "9999999999")
                        .param("asOf", asOf)
                        .param("strata", strata.toArray(String[]::new))
                        .param("sizes", sizes)
                        .query(Integer.class)
                        .single();
            }));
            System.out.printf(
                    "| %s | %,d | %,d | %.0f ms | %.0f ms | %.2f |%n",
                    fraction == null
                            ? "the policy's share of each stratum (5 %, at least 5)"
                            : "20 % of each stratum, at least 5",
                    drawn,
                    strata.size(),
                    draw,
                    byHand,
                    draw / byHand);
        }
        return 0;
    }

    private static double median(IntSupplier work) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            work.getAsInt();
            times.add((System.nanoTime() - s) / 1e6);
        }
        Collections.sort(times);
        return times.get(1);
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
