package org.fangpin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.pairing.HelperCoverage;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 结对覆盖 at the size issue 23 names: a generated population registered through the import, its current households
 * copied in SQL (new ids and numbers, same villages and states) up to {@code households}; the province's switch on so
 * that 脱贫户 count too; helpers, one per 20 households that must have one in each county, paired with nine in ten of
 * them. Then the province's coverage by city through {@link HelperCoverage} against the plain anti-join that counts
 * the unpaired households, alternated, the median of five runs of each after one to warm up, in the same run.
 */
final class HelperBench {

    private HelperBench() {}

    /** What must have a helper and has none, by the plainest query: the baseline. */
    private static final String ANTI_JOIN = """
            select count(*) from household h
            where h.valid_to is null and not h.deleted and h.village_code between ? and ?
              and (h.monitoring_state = 'MONITORED' or h.identity = 'EXITED')
              and not exists (select 1 from helper_pairing x where x.household_id = h.household_id and x.ended_on is null)""";

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed, long households)
            throws Exception {
        Clock clock = ctx.getBean(Clock.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        LocalDate today = LocalDate.now(clock);
        long t0 = System.nanoTime();
        DemoPopulation.Result files =
                DemoPopulation.write(new DemoPopulation.Spec(persons, seed, today.minusMonths(1)), dir);
        LedgerBench.check(
                ctx.getBean(RegionImporter.class).importFile(files.regionsCsv(), "regions.csv", "bench", Locale.CHINA));
        LedgerBench.check(ctx.getBean(HouseholdImporter.class)
                .importFile(
                        files.householdsCsv(),
                        "households.csv",
                        "bench",
                        Locale.CHINA,
                        new HouseholdImporter.Options(today.minusMonths(1), "bench")));
        System.out.printf(
                "registered %d persons in %d households in %d s%n",
                files.persons(), files.households(), LedgerBench.ms(t0) / 1000);

        long t1 = System.nanoTime();
        copy(jdbc, households);
        System.out.printf("copied up to %,d households in %d s%n", households, LedgerBench.ms(t1) / 1000);
        Region province =
                ctx.getBean(RegionDirectory.class).atLevel(RegionLevel.PROVINCE).get(0);
        jdbc.sql("insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by)"
                        + " values ('helper_for_exited_households', ?, date '2021-01-01', 1, 'bench', 'bench')")
                .param(province.code())
                .update();
        pair(jdbc);
        jdbc.sql("analyze household").update();
        jdbc.sql("analyze helper_pairing").update();
        jdbc.sql("analyze helper").update();
        System.out.printf(
                "%,d current households, %,d must have a helper, %,d helpers, %,d paired, made in %d s%n",
                count(jdbc, "select count(*) from household where valid_to is null and not deleted"),
                count(
                        jdbc,
                        "select count(*) from household where valid_to is null and not deleted"
                                + " and (monitoring_state = 'MONITORED' or identity = 'EXITED')"),
                count(jdbc, "select count(*) from helper"),
                count(jdbc, "select count(*) from helper_pairing where ended_on is null"),
                LedgerBench.ms(t1) / 1000);

        HelperCoverage coverage = ctx.getBean(HelperCoverage.class);
        String lo = province.subtree().low();
        String hi = province.subtree().high();
        List<Long> ours = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        long unpaired = -1;
        long counted = -1;
        for (int round = 0; round < 6; round++) {
            long s = System.nanoTime();
            HelperCoverage.Coverage c = coverage.coverage(province.code());
            long a = LedgerBench.ms(s);
            s = System.nanoTime();
            long n = jdbc.sql(ANTI_JOIN).params(lo, hi).query(Long.class).single();
            long b = LedgerBench.ms(s);
            if (round > 0) {
                ours.add(a);
                plain.add(b);
            }
            unpaired = c.total().unpaired();
            counted = n;
        }
        if (unpaired != counted) {
            throw new IllegalStateException("coverage says " + unpaired + " unpaired, the anti-join " + counted);
        }
        long s = System.nanoTime();
        int listed = coverage.unpaired(province.code(), null, 100).size();
        long firstPage = LedgerBench.ms(s);
        System.out.println("| query | runs (ms) | median | ratio |");
        System.out.println("|---|---|---|---|");
        System.out.printf(
                "| coverage by city (HelperCoverage) | %s | %d ms | **%.2f** |%n",
                runs(ours), median(ours), (double) median(ours) / median(plain));
        System.out.printf("| plain anti-join (count of unpaired) | %s | %d ms | 1 |%n", runs(plain), median(plain));
        System.out.printf(
                "unpaired %,d (both agree); the unpaired list's first page (%d rows) in %d ms%n",
                unpaired, listed, firstPage);
        return 0;
    }

    /** Copies the registered current households (new ids after the largest, numbers suffixed) up to {@code total}. */
    private static void copy(JdbcClient jdbc, long total) {
        long base = count(jdbc, "select count(*) from household where valid_to is null and not deleted");
        long maxId = count(jdbc, "select max(household_id) from household");
        List<String> columns = jdbc.sql("select column_name from information_schema.columns where table_name ="
                        + " 'household' and table_schema = current_schema() order by ordinal_position")
                .query(String.class)
                .list();
        String into = String.join(", ", columns);
        String select = columns.stream()
                .map(c -> switch (c) {
                    case "household_id" -> "h.household_id + :k * :span";
                    case "household_no" -> "h.household_no || '-' || :k";
                    case "version" -> "1";
                    default -> "h." + c;
                })
                .collect(Collectors.joining(", "));
        for (long k = 1; base * k < total; k++) {
            long want = Math.min(base, total - base * k);
            jdbc.sql("insert into household (" + into + ") select " + select + " from household h"
                            + " where h.valid_to is null and not h.deleted and h.household_id <= :max"
                            + " order by h.household_id limit :want")
                    .param("k", k)
                    .param("span", maxId)
                    .param("max", maxId)
                    .param("want", want)
                    .update();
        }
    }

    /** Helpers, one per 20 households that must have one in each county, paired with nine in ten of those. */
    private static void pair(JdbcClient jdbc) {
        jdbc.sql("""
                insert into helper (county_code, name, created_by, updated_by)
                select c.county, '帮扶员' || n, 'bench', 'bench'
                from (select substring(village_code, 1, 6) || '000000' as county, count(*) as required
                      from household where valid_to is null and not deleted
                        and (monitoring_state = 'MONITORED' or identity = 'EXITED') group by 1) c
                cross join lateral generate_series(1, greatest(1, c.required / 20)) n""").update();
        // each county's households dealt round its helpers: a hash join on (county, the helper's index)
        jdbc.sql("""
                insert into helper_pairing (helper_id, household_id, village_code, paired_on, created_by)
                select hs.id, r.household_id, r.village_code, current_date, 'bench'
                from (select household_id, village_code, substring(village_code, 1, 6) || '000000' as county,
                             row_number() over (partition by substring(village_code, 1, 6) order by household_id) rn
                      from household where valid_to is null and not deleted
                        and (monitoring_state = 'MONITORED' or identity = 'EXITED')) r
                join (select county_code, count(*) as n from helper group by 1) c on c.county_code = r.county
                join (select id, county_code, row_number() over (partition by county_code order by id) - 1 as idx
                      from helper) hs on hs.county_code = r.county and hs.idx = r.rn % c.n
                where r.household_id % 10 <> 0""").update();
    }

    private static long count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static long median(List<Long> runs) {
        List<Long> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String runs(List<Long> runs) {
        return runs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
