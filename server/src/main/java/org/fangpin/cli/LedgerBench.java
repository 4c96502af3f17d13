package org.fangpin.cli;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.importing.ImportReport;
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
 * Ledger exports at scale: a generated population registered through the import, then the 人口台账 (one row per
 * member) of a county and of the whole province written as XLSX and as CSV through {@link Ledgers} — rows per
 * second, file size and the peak heap in use while writing — beside the same rows read with one hand-written query
 * and written with the same library directly (codes, no labels or styles): the floor of a streamed export.
 */
final class LedgerBench {

    private LedgerBench() {}

    private static final String LEDGER = "members";

    static int run(ConfigurableApplicationContext ctx, Path dir, long persons, long seed) throws Exception {
        Clock clock = ctx.getBean(Clock.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        LocalDate today = LocalDate.now(clock);
        long t0 = System.nanoTime();
        DemoPopulation.Result files =
                DemoPopulation.write(new DemoPopulation.Spec(persons, seed, today.minusMonths(1)), dir);
        check(ctx.getBean(RegionImporter.class).importFile(files.regionsCsv(), "regions.csv", "bench", Locale.CHINA));
        check(ctx.getBean(HouseholdImporter.class)
                .importFile(
                        files.householdsCsv(),
                        "households.csv",
                        "bench",
                        Locale.CHINA,
                        new HouseholdImporter.Options(today.minusMonths(1), "bench")));
        jdbc.sql("analyze household").update();
        jdbc.sql("analyze person").update();
        System.out.printf(
                "registered %d persons in %d households in %d s; max heap %d MiB%n",
                files.persons(),
                files.households(),
                ms(t0) / 1000,
                Runtime.getRuntime().maxMemory() >> 20);

        RegionDirectory regions = ctx.getBean(RegionDirectory.class);
        Ledgers ledgers = ctx.getBean(Ledgers.class);
        DataSource ds = ctx.getBean(DataSource.class);
        Region province = regions.atLevel(RegionLevel.PROVINCE).get(0);
        Region county = regions.atLevel(RegionLevel.COUNTY).get(0);

        System.out.println("| export | rows | ours | rows/s | peak heap | file | direct fastexcel | ratio |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        // a county first (warms up both paths), then the province
        for (Region r : new Region[] {county, province}) {
            for (Ledgers.Format f : Ledgers.Format.values()) {
                Path out = dir.resolve("ledger-" + r.code() + "." + f.name().toLowerCase(Locale.ROOT));
                Ledgers.Export e = ledgers.export(LEDGER, new Ledgers.Request(r.code(), null, null, Map.of()), f);
                Measured ours = measure(() -> {
                    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                        return e.writeTo(o);
                    }
                });
                long size = Files.size(out);
                Path raw = dir.resolve("direct-" + r.code() + ".xlsx");
                Measured direct = f == Ledgers.Format.XLSX
                        ? measure(() -> direct(
                                ds, MEMBERS, raw, r.subtree().low(), r.subtree().high()))
                        : null;
                System.out.printf(
                        "| %s %s (%s) | %,d | %.1f s | %,d | %d MiB | %d MiB | %s | %s |%n",
                        r.level() == RegionLevel.PROVINCE ? "province" : "county",
                        f,
                        r.name(),
                        ours.rows,
                        ours.ms / 1000.0,
                        ours.rows * 1000 / Math.max(1, ours.ms),
                        ours.peakHeap >> 20,
                        size >> 20,
                        direct == null
                                ? "—"
                                : String.format(
                                        "%.1f s, %,d rows/s, peak heap %d MiB",
                                        direct.ms / 1000.0,
                                        direct.rows * 1000 / Math.max(1, direct.ms),
                                        direct.peakHeap >> 20),
                        direct == null ? "—" : String.format("%.2f", (double) ours.ms / direct.ms));
            }
        }
        return 0;
    }

    /** The members of a code range, by one hand-written query. */
    private static final String MEMBERS = """
            select h.village_code, h.household_no, p.name, p.id_number_masked, p.sex,
                   extract(year from current_date) - extract(year from p.birth_date), p.relation, p.education,
                   p.school_status, p.health, p.labour_capacity, p.work_status, h.identity,
                   h.monitoring_state, p.dibao, p.tekun
            from household h
            join person p on p.household_id = h.household_id and p.valid_to is null and not p.deleted
            where h.valid_to is null and not h.deleted and h.village_code between ? and ?
            order by h.village_code, h.household_no, p.person_id""";

    /**
     * The rows of a hand-written query (its {@code ?} bound to the strings given), written with fastexcel directly:
     * codes as stored, no labels, no styles — the floor of a streamed export.
     */
    static long direct(DataSource ds, String sql, Path out, String... params) throws Exception {
        try (Connection c = ds.getConnection();
                OutputStream o = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            c.setAutoCommit(false);
            PreparedStatement ps = c.prepareStatement(sql);
            ps.setFetchSize(2000);
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            Workbook wb = new Workbook(o, "bench", "1.0");
            Worksheet ws = wb.newWorksheet("direct");
            int row = 0;
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Number num) {
                            ws.value(row, i - 1, num);
                        } else if (v != null) {
                            ws.inlineString(row, i - 1, v.toString());
                        }
                    }
                    row++;
                    if (row % 1000 == 0) {
                        ws.flush();
                    }
                }
            }
            wb.finish();
            c.commit();
            return row;
        }
    }

    interface Work {
        long run() throws Exception;
    }

    record Measured(long rows, long ms, long peakHeap) {}

    /** Runs the work while a thread samples the heap in use every 20 ms (after a GC, so that the start is clean). */
    static Measured measure(Work work) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long s = System.nanoTime();
        long rows = work.run();
        long elapsed = ms(s);
        done.set(true);
        sampler.join();
        return new Measured(rows, elapsed, peak.get());
    }

    static void check(ImportReport r) {
        if (!r.applied()) {
            throw new IllegalStateException(
                    "import rejected: " + r.errors().stream().limit(5).toList());
        }
    }

    static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
