package org.fangpin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.EngineComparison;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.RegistrySnapshot;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code bench monitor}: a province-sized registry snapshot and one month of department feeds, generated straight
 * into the lake as Parquet (deterministic: every random value is a hash of the row number), then
 *
 * <ol>
 *   <li>a full monitoring run (engine, explanations, alerts into PostgreSQL), and a second run (all deduplicated);
 *   <li>a hand-written DuckDB query computing the same (household, rules) pairs over the same files — checked
 *       equal to the engine's result — as the baseline;
 *   <li>optionally ({@code --postgres}) the same hand-written SQL in PostgreSQL over the same rows.
 * </ol>
 *
 * Peak heap is sampled throughout.
 */
final class MonitorBench {

    static final LocalDate AS_OF = LocalDate.parse("2026-11-30");
    static final String[] RULES = {
        "INCOME_BELOW_LINE",
        "EDGE_INCOME_DROP",
        "MEDICAL_BURDEN",
        "LABOUR_LOSS",
        "SCHOOL_DROPOUT",
        "UNSAFE_HOUSING",
        "UNSAFE_WATER",
        "UNINSURED",
        "REGION_DISASTER",
        "REGION_EPIDEMIC",
        "BENEFIT_STOPPED"
    };

    private MonitorBench() {}

    static int run(
            ConfigurableApplicationContext ctx, long persons, boolean postgres, EngineComparison.SparkSetup spark)
            throws Exception {
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        Lake lake = ctx.getBean(Lake.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        long households = persons / 3;
        long t0 = System.nanoTime();
        Path regions = Files.createTempFile("regions", ".csv");
        Files.writeString(regions, "code,name,parent_code,level\n420000000000,湖北省,,1\n");
        ctx.getBean(RegionImporter.class).importFile(regions, "regions.csv", "bench", Locale.CHINA);
        Map<FeedType, Long> rows = generate(lake, jdbc, persons);
        long feedRows = rows.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(
                "generated %,d persons in %,d households and %,d feed rows %s in %d ms%n",
                persons, households, feedRows, rows, ms(t0));

        MonitoringRuns runs = ctx.getBean(MonitoringRuns.class);
        System.gc();
        MonitoringRuns.Run first = runs.run(AS_OF);
        long engineFirst = engineMillis(first);
        System.out.printf(
                "monitoring run 1: %d ms in all (engine %d ms); %,d flagged, %,d alerts written%n",
                first.durationMs(), engineFirst, first.flagged(), first.alerts());
        System.out.println("alerts by rule: " + ((JsonNode) first.summary()).get("rules"));
        jdbc.sql("select pg_total_relation_size('alert'), avg(octet_length(explanation::text)) from alert")
                .query(rs -> {
                    System.out.printf(
                            "alert table: %,d MiB, explanations %.0f bytes on average%n",
                            rs.getLong(1) >> 20, rs.getDouble(2));
                });
        // 482 k fresh alerts would otherwise be vacuumed and analysed by autovacuum during the second run, taking
        // one of the two cores from it; a production province runs once a day, long after that has finished
        long v0 = System.nanoTime();
        jdbc.sql("vacuum (analyze) alert").update();
        jdbc.sql("vacuum (analyze) alert_event").update();
        System.out.printf("vacuum and analyze of the new alerts: %d ms%n", ms(v0));
        MonitoringRuns.Run second = runs.run(AS_OF);
        long engineSecond = engineMillis(second);
        System.out.printf(
                "monitoring run 2: %d ms in all (engine %d ms); %,d flagged, %,d new alerts, %,d already open%n",
                second.durationMs(), engineSecond, second.flagged(), second.alerts(), second.suppressed());

        Path flagged = lake.dir("monitoring", "runs", second.id().toString()).resolve("flagged.parquet");
        // the baseline beside the engine's plan.sql, to read and profile side by side
        Files.writeString(flagged.resolveSibling("hand-written.sql"), handWritten() + ";\n");
        long best = Long.MAX_VALUE;
        long baselineRows = 0;
        long mismatches = 0;
        for (int i = 0; i < 2; i++) {
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                views(st, lake, jdbc);
                long s = System.nanoTime();
                st.execute("create table hand as " + handWritten());
                best = Math.min(best, ms(s));
                try (ResultSet rs = st.executeQuery("select count(*) from hand")) {
                    rs.next();
                    baselineRows = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("select count(*) from (select household_id, rules from hand"
                        + " except select household_id, rules from read_parquet(" + Lake.literal(flagged)
                        + ")) a")) {
                    rs.next();
                    mismatches = rs.getLong(1);
                }
                try (ResultSet rs = st.executeQuery("select count(*) from (select household_id, rules from"
                        + " read_parquet(" + Lake.literal(flagged) + ") except select household_id, rules from"
                        + " hand) a")) {
                    rs.next();
                    mismatches += rs.getLong(1);
                }
            }
        }
        System.out.printf(
                "hand-written DuckDB SQL: %d ms (best of 2), %,d flagged, %d differences from the engine%n",
                best, baselineRows, mismatches);
        // the engine's compiled step 1 run exactly like the baseline: the compiler's cost apart from the pipeline's
        String plan = Files.readString(flagged.resolveSibling("plan.sql"));
        String step1 = plan.substring(plan.indexOf('\n', plan.indexOf("-- step flagged")) + 1);
        step1 = step1.substring(0, step1.indexOf(";\n"));
        long compiled = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                views(st, lake, jdbc);
                long s = System.nanoTime();
                st.execute("create table eng as " + step1);
                compiled = Math.min(compiled, ms(s));
            }
        }
        System.out.printf(
                "engine's compiled SQL run the same way: %d ms (best of 2), ratio to hand-written %.2f%n",
                compiled, (double) compiled / best);
        System.out.printf(
                "ratio engine / hand-written: %.2f (second run's engine), %.2f (full second run)%n",
                (double) engineSecond / best, (double) second.durationMs() / best);
        if (postgres) {
            long pg = postgres(ctx, lake, jdbc);
            System.out.printf(
                    "PostgreSQL, same hand-written SQL: %d ms; ratio PostgreSQL / DuckDB: %.1f%n",
                    pg, (double) pg / best);
        }
        long engineDifferences = 0;
        if (spark != null) {
            // the same plan (flagged households, then their sources) on both engines, alternating, twice each
            EngineComparison.Comparison c = ctx.getBean(EngineComparison.class).compare(AS_OF, spark, 2);
            for (EngineComparison.Timing t : c.runs()) {
                System.out.printf(
                        "engine %s (%s): %d ms, rows per step %s%n",
                        t.engine(),
                        t.engine().equals("spark") ? spark.master() + ", with the job's start" : "in process",
                        t.millis(),
                        t.rows());
            }
            long duck = c.runs().stream()
                    .filter(t -> t.engine().equals("duckdb"))
                    .mapToLong(EngineComparison.Timing::millis)
                    .min()
                    .orElseThrow();
            long sp = c.runs().stream()
                    .filter(t -> t.engine().equals("spark"))
                    .mapToLong(EngineComparison.Timing::millis)
                    .min()
                    .orElseThrow();
            System.out.printf(
                    "Spark / DuckDB on the same files: %.2f (best of 2 each); %d rows differ between the engines%n",
                    (double) sp / duck, c.differences());
            engineDifferences = c.differences();
        }
        sampler.interrupt();
        System.out.printf(
                "peak heap used: %d MiB (max heap %d MiB)%n",
                peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        return mismatches == 0 && engineDifferences == 0 ? 0 : 2;
    }

    /**
     * {@code --engines-only}: a province too large for the platform's own run on this machine (100 M persons) — the
     * lake generated in bounded memory (DuckDB's COPY streams, spilling past its memory limit), then the hand-written
     * query once and the engines' plan once each, with the time, the peak resident memory (this process for DuckDB,
     * the job's processes for Spark) and the peak bytes spilled to disk (the lake's DuckDB temporary directory;
     * Spark's block managers under {@code java.io.tmpdir}) of each phase.
     */
    static int runEnginesOnly(ConfigurableApplicationContext ctx, long persons, EngineComparison.SparkSetup spark)
            throws Exception {
        Lake lake = ctx.getBean(Lake.class);
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        Path duckTemp = lake.dir("tmp");
        Path sparkTemp = Path.of(System.getProperty("java.io.tmpdir"));
        Phases phases = new Phases(duckTemp, sparkTemp);
        phases.start();
        try {
            Path regions = Files.createTempFile("regions", ".csv");
            Files.writeString(regions, "code,name,parent_code,level\n420000000000,湖北省,,1\n");
            ctx.getBean(RegionImporter.class).importFile(regions, "regions.csv", "bench", Locale.CHINA);
            phases.begin("generate");
            Map<FeedType, Long> rows = generate(lake, jdbc, persons);
            long feedRows = rows.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf(
                    "generated %,d persons in %,d households and %,d feed rows; lake %,d MiB; %s%n",
                    persons, persons / 3, feedRows, size(lake.root()) >> 20, phases.end());
            phases.begin("hand-written");
            long baselineRows;
            try (Connection c = lake.duckdb();
                    Statement st = c.createStatement()) {
                views(st, lake, jdbc);
                st.execute("create table hand as " + handWritten());
                try (ResultSet rs = st.executeQuery("select count(*) from hand")) {
                    rs.next();
                    baselineRows = rs.getLong(1);
                }
            }
            System.out.printf("hand-written DuckDB SQL: %,d flagged; %s%n", baselineRows, phases.end());
            if (spark == null) {
                return 0;
            }
            EngineComparison comparison = ctx.getBean(EngineComparison.class);
            phases.begin("engines");
            EngineComparison.Comparison c = comparison.compare(AS_OF, spark, 1, phases::begin);
            System.out.printf("%s%n", phases.end());
            for (EngineComparison.Timing t : c.runs()) {
                System.out.printf("engine %s: %d ms, rows per step %s%n", t.engine(), t.millis(), t.rows());
            }
            System.out.printf("%d rows differ between the engines%n", c.differences());
            return c.differences() == 0 ? 0 : 2;
        } finally {
            phases.interrupt();
        }
    }

    /**
     * Samples, every second, this process's resident memory and its child processes' (the Spark job), and the
     * bytes in the spill directories; {@link #end()} reports the peaks since {@link #begin}.
     */
    private static final class Phases extends Thread {

        private final Path duckTemp;
        private final Path sparkTemp;
        private final AtomicLong selfPeak = new AtomicLong();
        private final AtomicLong childPeak = new AtomicLong();
        private final AtomicLong duckSpill = new AtomicLong();
        private final AtomicLong sparkSpill = new AtomicLong();
        private volatile String name = "";
        private volatile long started;

        Phases(Path duckTemp, Path sparkTemp) {
            this.duckTemp = duckTemp;
            this.sparkTemp = sparkTemp;
            setDaemon(true);
        }

        synchronized void begin(String phase) {
            if (!name.isEmpty() && started != 0 && !phase.equals(name)) {
                System.out.printf("  %s%n", end());
            }
            name = phase;
            started = System.nanoTime();
            selfPeak.set(0);
            childPeak.set(0);
            duckSpill.set(0);
            sparkSpill.set(0);
        }

        synchronized String end() {
            String out = String.format(
                    "%s: %,d ms, peak resident %,d MiB here and %,d MiB in the job's processes, peak spilled"
                            + " %,d MiB (DuckDB) and %,d MiB (Spark)",
                    name,
                    ms(started),
                    selfPeak.get() >> 20,
                    childPeak.get() >> 20,
                    duckSpill.get() >> 20,
                    sparkSpill.get() >> 20);
            started = 0;
            return out;
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                selfPeak.accumulateAndGet(rss(ProcessHandle.current().pid()), Math::max);
                childPeak.accumulateAndGet(
                        ProcessHandle.current()
                                .descendants()
                                .mapToLong(h -> rss(h.pid()))
                                .sum(),
                        Math::max);
                duckSpill.accumulateAndGet(size(duckTemp), Math::max);
                sparkSpill.accumulateAndGet(sparkSpill(), Math::max);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Spark's shuffle and spill files: its block managers' directories under the temporary directory. */
        private long sparkSpill() {
            try (var dirs = Files.list(sparkTemp)) {
                return dirs.filter(d -> d.getFileName().toString().startsWith("blockmgr-"))
                        .mapToLong(MonitorBench::size)
                        .sum();
            } catch (IOException | UncheckedIOException e) {
                return 0;
            }
        }

        /** A process's resident set (VmRSS), 0 when it is gone. */
        private static long rss(long pid) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }

    /** Bytes of the files under a directory (0 when it does not exist or changes while walked). */
    static long size(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(f -> {
                        try {
                            return Files.size(f);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long engineMillis(MonitoringRuns.Run run) {
        return ((JsonNode) run.summary()).get("engineMillis").asLong();
    }

    /** Writes the snapshot and the feeds into the lake and records them as PostgreSQL does after real intake. */
    static Map<FeedType, Long> generate(Lake lake, JdbcClient jdbc, long persons) throws Exception {
        long nh = persons / 3;
        long nv = Math.max(1, nh / 100);
        Map<FeedType, Long> out = new LinkedHashMap<>();
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement()) {
            st.execute("create macro u(i, salt) as (hash(i * 31 + salt) % 1000000) / 1000000.0");
            // villages: 30 per township, 20 townships per county, 11 counties per city
            st.execute("create macro village(v) as '42' || lpad(cast(1 + v // 6600 as varchar), 2, '0')"
                    + " || lpad(cast(1 + (v // 600) % 11 as varchar), 2, '0')"
                    + " || lpad(cast(100 + (v // 30) % 20 as varchar), 3, '0')"
                    + " || lpad(cast(200 + v % 30 as varchar), 3, '0')");
            st.execute("create macro idh(j) as cast(md5(cast(j as varchar)) as uuid)");
            Path registry = lake.dir("registry");
            st.execute("copy (select *, substr(village_code, 1, 6) as county from (select i as household_id,"
                    + " 'B' || i as household_no, village(i % " + nv + ") as village_code,"
                    + " case when u(i, 1) < 0.5 then 'EXITED' else 'ORDINARY' end as identity, '' as identity_flags,"
                    + " case when u(i, 1) < 0.5 then 2019 end as exit_year,"
                    + " case when u(i, 1) < 0.5 then 'NONE' when u(i, 1) < 0.535 then 'MONITORED'"
                    + "  when u(i, 1) < 0.555 then 'ELIMINATED' else 'NONE' end as monitoring_state,"
                    + " case when u(i, 1) >= 0.5 and u(i, 1) < 0.555 then 'MARGINAL' end as monitoring_category,"
                    + " case when u(i, 1) >= 0.5 and u(i, 1) < 0.555 then date '2025-06-01' end as monitoring_since,"
                    + " case when u(i, 1) >= 0.5 and u(i, 1) < 0.535 then 'ILLNESS' else '' end as risk_causes,"
                    + " case when u(i, 1) >= 0.535 and u(i, 1) < 0.555 then date '2026-03-01' end as eliminated_on,"
                    + " case when u(i, 2) < 0.6 then 'A' when u(i, 2) < 0.95 then 'B' when u(i, 2) < 0.99 then 'C'"
                    + "  else 'D' end as housing_grade, u(i, 3) < 0.985 as water_safe, 2025 as income_year,"
                    + " cast(t * 0.6 as decimal(14,2)) as income_wage, cast(t * 0.4 as decimal(14,2))"
                    + "  as income_production, cast(t * 0.02 as decimal(14,2)) as income_property,"
                    + " cast(t * 0.08 as decimal(14,2)) as income_transfer, cast(t * 0.1 as decimal(14,2))"
                    + "  as production_cost, 3 as members,"
                    + " cast(t * case when u(i, 4) < 0.05 then 1.6 else 0.95 end as decimal(14,2)) as prev_income_net"
                    + " from (select i, 3 * 13000 * exp(0.55 * 1.73 * (u(i, 5) + u(i, 6) + u(i, 7) + u(i, 8) - 2))"
                    + "  * case when u(i, 1) >= 0.5 and u(i, 1) < 0.535 then 0.55 else 1 end as t"
                    + "  from range(" + nh + ") r(i)))) to " + Lake.literal(registry.resolve("household"))
                    + " (format parquet, compression zstd, partition_by (county), overwrite_or_ignore true)");
            st.execute("copy (select *, substr(village_code, 1, 6) as county from (select j as person_id,"
                    + " j // 3 as household_id, village((j // 3) % " + nv + ") as village_code, idh(j) as id_hash,"
                    + " case j % 3 when 0 then 'HEAD' when 1 then 'SPOUSE' else 'CHILD' end as relation,"
                    + " case when j % 2 = 0 then 'M' else 'F' end as sex,"
                    + " cast(date '2026-11-30' - to_days(cast(365 * age + j % 365 as integer)) as date) as birth_date,"
                    + " 'HEALTHY' as health, cast(null as integer) as disability_grade,"
                    + " case when age < 16 then 'NONE' when age > 64 then 'WEAK' when u(j, 12) < 0.02 then 'LOST'"
                    + "  when u(j, 12) < 0.1 then 'WEAK' else 'ORDINARY' end as labour_capacity,"
                    + " cast(null as varchar) as work_status,"
                    + " case when age between 6 and 15 then (case when u(j, 13) < 0.003 then 'DROPOUT'"
                    + "  else 'JUNIOR' end) else 'NOT_IN_SCHOOL' end as school_status, cast(null as varchar) as"
                    + " education, u(j, 14) < 0.995 as medical_insurance, true as pension_insurance,"
                    + " u(j, 15) < 0.05 as dibao, false as tekun, false as disability_subsidy"
                    + " from (select j, case when j % 3 = 2 and u(j, 11) < 0.5 then cast(u(j, 10) * 18 as integer)"
                    + "  else 20 + cast(u(j, 10) * 60 as integer) end as age from range(" + persons + ") r(j))))"
                    + " to " + Lake.literal(registry.resolve("person"))
                    + " (format parquet, compression zstd, partition_by (county), overwrite_or_ignore true)");
            String person = "idh(hash(k * 7 + SALT) % " + persons + ")";
            String hhNo = "'B' || (hash(k * 7 + SALT) % " + nh + ")";
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.MEDICAL_CLAIM,
                    persons * 2,
                    person.replace("SALT", "1")
                            + " as id_hash, date '2026-10-01' + cast(k % 31 as integer) as visit_date,"
                            + " cast(tc as decimal(14,2)) as total_cost, cast(tc * 0.65 as decimal(14,2)) as reimbursed,"
                            + " cast(tc * 0.35 as decimal(14,2)) as out_of_pocket, u(k, 21) < 0.005 as major_illness,"
                            + " cast(null as varchar) as hospital from (select k, case when u(k, 21) < 0.005 then"
                            + " 20000 + 100000 * u(k, 22) else 100 * exp(4 * u(k, 22)) end as tc from range(%d) r(k))");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.EMPLOYMENT,
                    persons,
                    person.replace("SALT", "2")
                            + " as id_hash, date '2026-10-01' as month, cast(1500 + 6000 * u(k, 31) as decimal(14,2)) as"
                            + " wage, cast(null as varchar) as employer, cast(null as varchar) as work_place from range(%d)"
                            + " r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.SOCIAL_ASSISTANCE,
                    persons / 10,
                    person.replace("SALT", "3")
                            + " as id_hash, case when u(k, 41) < 0.7 then 'DIBAO' when u(k, 41) < 0.8 then 'TEKUN' else"
                            + " 'TEMPORARY' end as assistance_type, cast(300 + 600 * u(k, 42) as decimal(14,2)) as amount,"
                            + " date '2026-10-01' as start_date, cast(null as date) as end_date, case when u(k, 43) < 0.03"
                            + " then 'STOPPED' else 'ACTIVE' end as benefit_status from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.EDUCATION,
                    persons * 15 / 100,
                    "idh((k * 3 + 2) % " + persons
                            + ") as id_hash, 'JUNIOR' as school_stage, case when u(k, 51) < 0.003 then 'DROPPED_OUT' else"
                            + " 'ENROLLED' end as enrolment, date '2026-09-01' as status_date, cast(null as varchar) as"
                            + " school from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.HOUSING,
                    persons * 3 / 100,
                    hhNo.replace("SALT", "4")
                            + " as household_no, cast(null as uuid) as id_hash, case when u(k, 61) < 0.5 then 'A' when"
                            + " u(k, 61) < 0.9 then 'B' when u(k, 61) < 0.98 then 'C' else 'D' end as housing_grade,"
                            + " date '2026-10-10' as assessed_on from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.WATER,
                    nv,
                    "cast(null as varchar) as household_no,"
                            + " cast(null as uuid) as id_hash, village(k) as region_code, true as water_quantity,"
                            + " u(k, 71) >= 0.01 as water_quality, true as water_convenience, true as water_guarantee,"
                            + " date '2026-10-12' as assessed_on from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.DISABILITY,
                    persons / 50,
                    person.replace("SALT", "5")
                            + " as id_hash, 'PHYSICAL' as disability_type, 1 + cast(u(k, 81) * 4 as integer) % 4 as"
                            + " disability_grade, date '2026-10-05' as issued_on from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.HOUSEHOLD_REGISTRATION,
                    persons / 100,
                    person.replace("SALT", "6")
                            + " as id_hash, case when u(k, 91) < 0.4 then 'DEATH' when u(k, 91) < 0.7 then 'BIRTH' else"
                            + " 'MOVE_OUT' end as registration_event, date '2026-10-15' as event_date from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.DISASTER,
                    Math.max(2, nv / 30 / 50), // 2% of the townships
                    "substr(village(k * 30 * 47 % " + nv + "), 1, 9) || '000' as"
                            + " region_code, 'FLOOD' as disaster_type, case when k % 2 = 0 then 'III' else 'IV' end as"
                            + " severity, date '2026-10-01' as start_date, cast(null as date) as end_date from range(%d)"
                            + " r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.EPIDEMIC,
                    Math.max(1, nv / 30 / 200), // 0.5% of the townships
                    "substr(village((k * 30 * 53 + 7) % " + nv + "), 1, 9) || '000' as"
                            + " region_code, 'HIGH' as risk_level, date '2026-10-01' as start_date, cast(null as date) as"
                            + " end_date from range(%d) r(k)");
            feed(
                    st,
                    lake,
                    jdbc,
                    out,
                    FeedType.INDUSTRY_SUPPORT,
                    persons * 3 / 100,
                    hhNo.replace("SALT", "8")
                            + " as household_no, cast(null as uuid) as id_hash, cast(1000 + 4000 * u(k, 101) as"
                            + " decimal(14,2)) as amount, date '2026-10-20' as paid_on, cast(null as varchar) as project"
                            + " from range(%d) r(k)");
        }
        // the snapshot is current: no registry change since it was "refreshed"
        jdbc.sql("insert into registry_snapshot (id, refreshed_at, counties, households, persons, format) values (1,"
                        + " now(), 0, ?, ?, ?) on conflict (id) do update set refreshed_at = now()")
                .params(nh, persons, RegistrySnapshot.FORMAT)
                .update();
        return out;
    }

    private static void feed(
            Statement st, Lake lake, JdbcClient jdbc, Map<FeedType, Long> out, FeedType type, long n, String select)
            throws Exception {
        UUID id = UUID.randomUUID();
        Path file = lake.dir("feeds", type.name().toLowerCase(Locale.ROOT), "period=2026-10")
                .resolve(id + ".parquet");
        st.execute("copy (select '" + id + "' as batch_id, k + 2 as line, " + select.replace("%d", Long.toString(n))
                + ") to " + Lake.literal(file) + " (format parquet, compression zstd)");
        out.put(type, n);
        jdbc.sql("insert into feed_batch (id, feed_type, schema_version, department, batch_key, period, content_hash,"
                        + " file_path, row_count, matched, unmatched, received_at, received_by, import_id) values (?,"
                        + " ?, 1, ?, ?, date '2026-10-01', ?, ?, ?, ?, 0, now() - interval '1 minute', 'bench', ?)")
                .params(
                        id,
                        type.name(),
                        type.department().name(),
                        "BENCH-" + type.name(),
                        "0".repeat(64),
                        file.toString(),
                        n,
                        n,
                        id)
                .update();
    }

    /** The engine's input tables as DuckDB views over the same files. */
    static void views(Statement st, Lake lake, JdbcClient jdbc) throws Exception {
        st.execute("create view household as select * from read_parquet("
                + Lake.literal(lake.dir("registry", "household").resolve("*/*.parquet")) + ")");
        st.execute("create view person as select * from read_parquet("
                + Lake.literal(lake.dir("registry", "person").resolve("*/*.parquet")) + ")");
        for (FeedType t : FeedType.values()) {
            List<String> files = jdbc.sql("select file_path from feed_batch where feed_type = ?")
                    .param(t.name())
                    .query(String.class)
                    .list();
            st.execute("create view feed_" + t.name().toLowerCase(Locale.ROOT) + " as select * exclude (period),"
                    + " cast(period || '-01' as date) as period from read_parquet(["
                    + String.join(
                            ", ",
                            files.stream().map(f -> Lake.literal(Path.of(f))).toList())
                    + "], hive_partitioning = true, hive_types = {'period': VARCHAR})");
        }
    }

    /** The same tables in PostgreSQL (unlogged, no indexes), then the same query. */
    private static long postgres(ConfigurableApplicationContext ctx, Lake lake, JdbcClient jdbc) throws Exception {
        DataSource ds = ctx.getBean(DataSource.class);
        long t0 = System.nanoTime();
        List<String> tables = new ArrayList<>(List.of("household", "person"));
        for (FeedType t : FeedType.values()) {
            tables.add("feed_" + t.name().toLowerCase(Locale.ROOT));
        }
        try (Connection duck = lake.duckdb();
                Statement st = duck.createStatement();
                Connection pg = ds.getConnection();
                Statement ps = pg.createStatement()) {
            views(st, lake, jdbc);
            ps.execute("create schema if not exists bench");
            for (String t : tables) {
                StringBuilder cols = new StringBuilder();
                try (ResultSet rs = st.executeQuery("describe " + t)) {
                    while (rs.next()) {
                        String type = rs.getString(2).replace("DOUBLE", "double precision");
                        cols.append(cols.isEmpty() ? "" : ", ")
                                .append(rs.getString(1))
                                .append(' ')
                                .append(type);
                    }
                }
                ps.execute("drop table if exists bench." + t);
                ps.execute("create unlogged table bench." + t + " (" + cols + ")");
                Path csv = lake.dir("tmp").resolve(t + ".csv");
                st.execute("copy (select * from " + t + ") to " + Lake.literal(csv) + " (header false)");
                try (var in = Files.newInputStream(csv)) {
                    pg.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn("copy bench." + t + " from stdin (format csv)", in);
                }
                Files.delete(csv);
                ps.execute("analyze bench." + t);
            }
            System.out.printf("loaded %d tables into PostgreSQL in %d ms%n", tables.size(), ms(t0));
            ps.execute("set search_path = bench");
            ps.execute("set work_mem = '256MB'");
            ps.execute("set max_parallel_workers_per_gather = 2");
            long s = System.nanoTime();
            try (ResultSet rs = ps.executeQuery("select count(*) from (" + handWritten() + ") q")) {
                rs.next();
                System.out.printf("PostgreSQL flagged %,d households%n", rs.getLong(1));
            }
            long took = ms(s);
            ps.execute("drop schema bench cascade");
            return took;
        }
    }

    /**
     * The default rules written by hand for 2026-11-30 with the national default parameters: only what the rules
     * need, thresholds as literals. Standard SQL and a {@code NOT MATERIALIZED} CTE (DuckDB and PostgreSQL both run
     * it).
     */
    static String handWritten() {
        String in12 = " BETWEEN DATE '2025-12-01' AND DATE '2026-11-30'";
        String working = " p.birth_date > DATE '1961-11-30' AND p.birth_date <= DATE '2010-11-30'";
        String labour = " p.labour_capacity IN ('SKILLED', 'ORDINARY', 'WEAK')";
        // NOT MATERIALIZED: without it DuckDB copies the 10 M persons once for the many joins that read them
        return "WITH p AS NOT MATERIALIZED (SELECT person_id, household_id, id_hash, birth_date, labour_capacity, medical_insurance,"
                + " school_status FROM person),\n"
                + "wm AS (SELECT COUNT(DISTINCT month) AS n FROM feed_employment WHERE month BETWEEN DATE"
                + " '2025-12-01' AND DATE '2026-11-01'),\n"
                + "wage AS (SELECT p.household_id, SUM(e.wage) * 12 / MAX(wm.n) AS wages FROM feed_employment e JOIN"
                + " p ON p.id_hash = e.id_hash CROSS JOIN wm WHERE e.month BETWEEN DATE '2025-12-01' AND DATE"
                + " '2026-11-01' GROUP BY p.household_id),\n"
                + "med AS (SELECT p.household_id, SUM(m.out_of_pocket) AS oop FROM feed_medical_claim m JOIN p ON"
                + " p.id_hash = m.id_hash WHERE m.visit_date" + in12 + " GROUP BY p.household_id),\n"
                + "lab AS (SELECT household_id, COUNT(*) AS n FROM (SELECT p.household_id FROM"
                + " feed_household_registration r JOIN p ON p.id_hash = r.id_hash WHERE r.registration_event ="
                + " 'DEATH' AND r.event_date" + in12 + " AND" + working + " AND" + labour
                + " UNION ALL SELECT p.household_id FROM feed_disability d JOIN p ON p.id_hash = d.id_hash WHERE"
                + " d.disability_grade <= 2 AND COALESCE(d.issued_on, d.period)" + in12 + " AND" + working
                + ") x GROUP BY household_id),\n"
                + "edu AS (SELECT person_id, enrolment FROM (SELECT p.person_id, e.enrolment, ROW_NUMBER() OVER"
                + " (PARTITION BY p.person_id ORDER BY e.status_date DESC, e.period DESC, e.line DESC) AS rn FROM"
                + " feed_education e JOIN p ON p.id_hash = e.id_hash WHERE e.status_date <= DATE '2026-11-30') x"
                + " WHERE rn = 1),\n"
                + "drop_ AS (SELECT DISTINCT p.household_id FROM p LEFT JOIN edu ON edu.person_id = p.person_id"
                + " WHERE p.birth_date > DATE '2010-11-30' AND p.birth_date <= DATE '2020-11-30' AND (edu.enrolment"
                + " IN ('DROPPED_OUT', 'NOT_ENROLLED') OR (edu.enrolment IS NULL AND p.school_status = 'DROPOUT'))),\n"
                + "hh AS (SELECT household_id, household_no FROM household),\n"
                + "housing AS (SELECT household_id, grade FROM (SELECT COALESCE(hh.household_id, p.household_id) AS"
                + " household_id, f.housing_grade AS grade, ROW_NUMBER() OVER (PARTITION BY COALESCE(hh.household_id,"
                + " p.household_id) ORDER BY f.assessed_on DESC, f.period DESC, f.line DESC) AS rn FROM feed_housing"
                + " f LEFT JOIN hh ON hh.household_no = f.household_no LEFT JOIN p ON p.id_hash ="
                + " CASE WHEN f.household_no IS NULL THEN f.id_hash END WHERE f.assessed_on <= DATE '2026-11-30') x WHERE rn = 1 AND household_id"
                + " IS NOT NULL),\n"
                + "water_h AS (SELECT household_id, safe FROM (SELECT COALESCE(hh.household_id, p.household_id) AS"
                + " household_id, (f.water_quantity AND f.water_quality AND f.water_convenience AND"
                + " f.water_guarantee) AS safe, ROW_NUMBER() OVER (PARTITION BY COALESCE(hh.household_id,"
                + " p.household_id) ORDER BY f.assessed_on DESC, f.period DESC, f.line DESC) AS rn FROM feed_water f"
                + " LEFT JOIN hh ON hh.household_no = f.household_no LEFT JOIN p ON p.id_hash ="
                + " CASE WHEN f.household_no IS NULL THEN f.id_hash END WHERE f.assessed_on <= DATE '2026-11-30' AND (f.household_no IS NOT NULL"
                + " OR f.id_hash IS NOT NULL)) x WHERE rn = 1 AND household_id IS NOT NULL),\n"
                + "water_v AS (SELECT village_code, safe FROM (SELECT f.region_code AS village_code,"
                + " (f.water_quantity AND f.water_quality AND f.water_convenience AND f.water_guarantee) AS safe,"
                + " ROW_NUMBER() OVER (PARTITION BY f.region_code ORDER BY f.assessed_on DESC, f.period DESC, f.line"
                + " DESC) AS rn FROM feed_water f WHERE f.household_no IS NULL AND f.id_hash IS NULL AND"
                + " f.assessed_on <= DATE '2026-11-30') x WHERE rn = 1),\n"
                + "uninsured AS (SELECT DISTINCT household_id FROM p WHERE NOT medical_insurance),\n"
                + "stopped AS (SELECT DISTINCT household_id FROM (SELECT p.household_id, a.benefit_status,"
                + " a.start_date, a.end_date, ROW_NUMBER() OVER (PARTITION BY p.person_id, a.assistance_type ORDER BY"
                + " a.start_date DESC, a.period DESC, a.line DESC) AS rn FROM feed_social_assistance a JOIN p ON"
                + " p.id_hash = a.id_hash WHERE a.assistance_type IN ('DIBAO', 'TEKUN') AND a.start_date <= DATE"
                + " '2026-11-30') x WHERE rn = 1 AND (benefit_status = 'STOPPED' OR end_date <= DATE '2026-11-30')"
                + " AND COALESCE(end_date, start_date)" + in12 + "),\n"
                + "villages AS (SELECT DISTINCT village_code FROM household),\n"
                + region(
                        "disaster",
                        "feed_disaster",
                        "CASE f.severity WHEN 'I' THEN 1 WHEN 'II' THEN 2 WHEN 'III'" + " THEN 3 ELSE 4 END",
                        "2025-11-30")
                + ",\n"
                + region(
                        "epidemic",
                        "feed_epidemic",
                        "CASE f.risk_level WHEN 'HIGH' THEN 1 WHEN 'MEDIUM' THEN 2" + " ELSE 3 END",
                        "2026-08-30")
                + ",\n"
                + "inc AS (SELECT h.*, wage.wages, CASE WHEN h.income_year IS NULL AND wage.wages IS NULL THEN NULL"
                + " ELSE CAST(COALESCE(wage.wages, h.income_wage, 0) + COALESCE(h.income_production, 0)"
                + " + COALESCE(h.income_property, 0) + COALESCE(h.income_transfer, 0) - COALESCE(h.production_cost,"
                + " 0) AS DECIMAL(18, 2)) END AS income FROM household h LEFT JOIN wage ON wage.household_id ="
                + " h.household_id),\n"
                + "pc AS (SELECT inc.*, CAST(income AS DOUBLE PRECISION) / NULLIF(members, 0) AS pc,"
                + " CAST(prev_income_net AS DOUBLE PRECISION) / NULLIF(members, 0) AS prev_pc FROM inc),\n"
                + "r AS (SELECT pc.household_id, CONCAT_WS(',',"
                + " CASE WHEN pc.pc < 6000 THEN 'INCOME_BELOW_LINE' END,"
                + " CASE WHEN pc.pc < 9000 AND (pc.pc - pc.prev_pc) / NULLIF(pc.prev_pc, 0) <= -0.30 THEN"
                + " 'EDGE_INCOME_DROP' END,"
                + " CASE WHEN med.oop > 0 AND (med.oop >= 10000 OR med.oop >= pc.income * 0.5) THEN 'MEDICAL_BURDEN'"
                + " END,"
                + " CASE WHEN lab.n > 0 THEN 'LABOUR_LOSS' END,"
                + " CASE WHEN drop_.household_id IS NOT NULL THEN 'SCHOOL_DROPOUT' END,"
                + " CASE WHEN COALESCE(housing.grade, pc.housing_grade) IN ('C', 'D') THEN 'UNSAFE_HOUSING' END,"
                + " CASE WHEN NOT COALESCE(water_h.safe, water_v.safe, pc.water_safe) THEN 'UNSAFE_WATER' END,"
                + " CASE WHEN uninsured.household_id IS NOT NULL THEN 'UNINSURED' END,"
                + " CASE WHEN disaster.lvl <= 3 THEN 'REGION_DISASTER' END,"
                + " CASE WHEN epidemic.lvl <= 1 THEN 'REGION_EPIDEMIC' END,"
                + " CASE WHEN stopped.household_id IS NOT NULL AND pc.pc < 9000 THEN 'BENEFIT_STOPPED' END) AS rules"
                + " FROM pc LEFT JOIN med ON med.household_id = pc.household_id"
                + " LEFT JOIN lab ON lab.household_id = pc.household_id"
                + " LEFT JOIN drop_ ON drop_.household_id = pc.household_id"
                + " LEFT JOIN housing ON housing.household_id = pc.household_id"
                + " LEFT JOIN water_h ON water_h.household_id = pc.household_id"
                + " LEFT JOIN water_v ON water_v.village_code = pc.village_code"
                + " LEFT JOIN uninsured ON uninsured.household_id = pc.household_id"
                + " LEFT JOIN stopped ON stopped.household_id = pc.household_id"
                + " LEFT JOIN disaster ON disaster.village_code = pc.village_code"
                + " LEFT JOIN epidemic ON epidemic.village_code = pc.village_code)\n"
                + "SELECT household_id, rules FROM r WHERE rules <> ''";
    }

    /** Per village, the most severe level of the rows covering it or one of its ancestors since a date. */
    private static String region(String name, String table, String level, String since) {
        String rows = "(SELECT f.region_code, " + level + " AS lvl, CASE WHEN SUBSTR(f.region_code, 3) ="
                + " '0000000000' THEN 2 WHEN SUBSTR(f.region_code, 5) = '00000000' THEN 4 WHEN SUBSTR(f.region_code,"
                + " 7) = '000000' THEN 6 WHEN SUBSTR(f.region_code, 10) = '000' THEN 9 ELSE 12 END AS len FROM "
                + table + " f WHERE f.start_date <= DATE '2026-11-30' AND COALESCE(f.end_date, DATE '2026-11-30')"
                + " >= DATE '" + since + "')";
        StringBuilder parts = new StringBuilder();
        for (int len : new int[] {2, 4, 6, 9, 12}) {
            parts.append(parts.isEmpty() ? "" : " UNION ALL ")
                    .append("SELECT v.village_code, r.lvl FROM villages v JOIN ")
                    .append(rows)
                    .append(" r ON r.len = ")
                    .append(len)
                    .append(" AND SUBSTR(r.region_code, 1, ")
                    .append(len)
                    .append(") = SUBSTR(v.village_code, 1, ")
                    .append(len)
                    .append(")");
        }
        return name + " AS (SELECT village_code, MIN(lvl) AS lvl FROM (" + parts + ") x GROUP BY village_code)";
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
