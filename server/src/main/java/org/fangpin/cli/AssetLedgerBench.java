package org.fangpin.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.reporting.Ledgers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The asset ledgers at the size issue 22 names: a generated population registered (the households distributions
 * reach), then {@code assets} assets over its villages (two in three operating, with a source each) and {@code
 * rows} distribution rows (20 per income, three in four to households) written in SQL; the 资产明细台账 and the
 * 收益分配台账 of the province exported as XLSX through {@link Ledgers}, beside the same rows read by one hand-written
 * query and written with fastexcel directly (codes as stored, no labels or styles), in the same run.
 */
final class AssetLedgerBench {

    private AssetLedgerBench() {}

    /** The assets' rows by one hand-written query: the detail ledger's columns, codes as stored. */
    private static final String ASSETS = """
            select a.region_code, a.asset_no, a.name, a.class, a.subtype, a.origin, s.projects, s.sources, a.place,
                   a.scale, a.formed_on, a.value, a.title_level, a.holder, a.operator, a.custodian,
                   a.custodian_person, a.status, i.income_year, i.income_total, d.kind, d.disposed_on, d.proceeds
            from asset a
            left join (select x.asset_id, string_agg(distinct p.project_no, '、') as projects,
                              string_agg(distinct x.source, ',') as sources
                       from asset_source x left join project p on p.id = x.project_id group by x.asset_id) s
                   on s.asset_id = a.id
            left join (select asset_id, sum(amount) filter (where received_on >= date_trunc('year', current_date))
                              as income_year, sum(amount) as income_total
                       from asset_income group by asset_id) i on i.asset_id = a.id
            left join asset_disposal d on d.asset_id = a.id and d.stage = 'DONE'
            where a.region_code between ? and ?
            order by a.region_code, a.asset_no""";

    /** The distribution rows by one hand-written query, codes as stored. */
    private static final String ROWS = """
            select a.region_code, a.asset_no, a.name, i.period_from, i.period_to, i.meeting_on, i.publicity_from,
                   i.publicity_to, i.stage, r.use, h.household_no, m.head_name, r.monitored, r.lost_labour,
                   r.disabled, r.amount, r.one_card, i.paid_on, r.note
            from distribution_row r
            join asset_income i on i.id = r.income_id
            join asset a on a.id = i.asset_id
            left join household h on h.household_id = r.household_id and h.valid_to is null
            left join lateral (select p.name as head_name from person p where p.household_id = r.household_id
                               and p.relation = 'HEAD' and p.valid_to is null and not p.deleted limit 1) m on true
            where a.region_code between ? and ?
            order by a.region_code, i.period_from, r.id""";

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed, long assets, long rows)
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
        String[] villages = ctx.getBean(RegionDirectory.class).atLevel(RegionLevel.VILLAGE).stream()
                .map(Region::code)
                .toArray(String[]::new);
        generate(jdbc, villages, assets, rows);
        System.out.printf(
                "generated %,d assets and %,d distribution rows in %d s%n",
                jdbc.sql("select count(*) from asset").query(Long.class).single(),
                jdbc.sql("select count(*) from distribution_row")
                        .query(Long.class)
                        .single(),
                LedgerBench.ms(t1) / 1000);

        Ledgers ledgers = ctx.getBean(Ledgers.class);
        DataSource ds = ctx.getBean(DataSource.class);
        Region province =
                ctx.getBean(RegionDirectory.class).atLevel(RegionLevel.PROVINCE).get(0);
        String lo = province.subtree().low();
        String hi = province.subtree().high();
        System.out.println("| ledger | rows | ours | rows/s | peak heap | file | direct fastexcel | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        // each twice, the first warming both paths up; the second reported
        for (String[] l : new String[][] {{"assets", ASSETS}, {"distributions", ROWS}}) {
            for (int round = 0; round < 2; round++) {
                Path out = dir.resolve("ledger-" + l[0] + ".xlsx");
                Ledgers.Export e = ledgers.export(
                        l[0], new Ledgers.Request(province.code(), null, null, Map.of()), Ledgers.Format.XLSX);
                LedgerBench.Measured ours = LedgerBench.measure(() -> {
                    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                        return e.writeTo(o);
                    }
                });
                long size = Files.size(out);
                Path raw = dir.resolve("direct-" + l[0] + ".xlsx");
                LedgerBench.Measured direct = LedgerBench.measure(() -> LedgerBench.direct(ds, l[1], raw, lo, hi));
                if (round == 0) {
                    continue;
                }
                System.out.printf(
                        "| %s | %,d | %.1f s | %,d | %d MiB | %d MiB | %.1f s, %,d rows (%,d rows/s), peak heap %d MiB |"
                                + " %.2f |%n",
                        l[0],
                        ours.rows(),
                        ours.ms() / 1000.0,
                        ours.rows() * 1000 / Math.max(1, ours.ms()),
                        ours.peakHeap() >> 20,
                        size >> 20,
                        direct.ms() / 1000.0,
                        direct.rows(),
                        direct.rows() * 1000 / Math.max(1, direct.ms()),
                        direct.peakHeap() >> 20,
                        (double) ours.ms() / direct.ms());
            }
        }
        return 0;
    }

    /** Assets over the villages, their sources, incomes of operating assets and their distribution rows, in SQL. */
    private static void generate(JdbcClient jdbc, String[] villages, long assets, long rows) {
        jdbc.sql("""
                        insert into asset (asset_no, region_code, county_code, name, class, subtype, origin, place, scale,
                            value, formed_on, title_level, holder, operator, operating_mode, distribution_plan,
                            custodian, custodian_person, status, status_on, recorded_by)
                        select 'B' || lpad(g::text, 8, '0'), v.code, left(v.code, 6) || '000000',
                               '资产' || g, case when g % 3 = 0 then 'PUBLIC_WELFARE' else 'OPERATING' end, '子类',
                               'INVENTORY', '第' || (g % 9 + 1) || '组', '规模 ' || g,
                               (1000 + g % 997 * 1000)::numeric(14, 2), date '2019-01-01' + (g % 1500)::int, 'VILLAGE',
                               '村股份经济合作社', case when g % 3 = 0 then null else '村股份经济合作社' end, '自营',
                               case when g % 3 = 0 then null else '按股分红' end,
                               case when g % 3 = 0 then '村民委员会' end, case when g % 3 = 0 then '管护员' end,
                               case when g % 50 = 0 then 'IDLE' else 'IN_USE' end, current_date, 'bench'
                        from generate_series(1, ?) g
                        join (select code, k - 1 as k, count(*) over () as n
                              from unnest(cast(? as text[])) with ordinality as u(code, k)) v on v.k = g % v.n""").params(assets, villages).update();
        jdbc.sql("insert into asset_source (asset_id, project_id, source, amount)"
                        + " select id, null, case when id % 4 = 0 then 'EAST_WEST' else 'CENTRAL_LINKAGE' end, value"
                        + " from asset")
                .update();
        long incomes = (rows + 19) / 20;
        jdbc.sql("""
                        insert into asset_income (asset_id, period_from, period_to, amount, received_on, stage,
                            meeting_on, meeting_note, publicity_from, publicity_to, publicity_place, paid_on,
                            recorded_by)
                        select a.id, date '2025-01-01', date '2025-12-31', 2000, date '2026-01-10', 'PAID',
                               date '2026-01-12', '全票通过', date '2026-01-13', date '2026-01-22', '村务公开栏',
                               date '2026-01-25', 'bench'
                        from (select id from asset where class = 'OPERATING' order by id limit ?) a""").param(incomes).update();
        jdbc.sql("""
                        insert into distribution_row (income_id, use, household_id, amount, one_card, monitored,
                            lost_labour, disabled)
                        select i.id, case when k <= 15 then 'HOUSEHOLD' else 'MAINTENANCE' end,
                               case when k <= 15 then h.ids[1 + ((i.id * 20 + k) % cardinality(h.ids))] end, 100,
                               case when k <= 15 then true end, k % 5 = 0, k % 7 = 0, k % 11 = 0
                        from asset_income i
                        cross join generate_series(1, 20) k
                        cross join (select array_agg(household_id) as ids from household
                                    where valid_to is null and not deleted) h
                        order by i.id, k
                        limit ?""").param(rows).update();
        jdbc.sql("analyze asset").update();
        jdbc.sql("analyze asset_source").update();
        jdbc.sql("analyze asset_income").update();
        jdbc.sql("analyze distribution_row").update();
    }
}
