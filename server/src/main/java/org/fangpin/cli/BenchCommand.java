package org.fangpin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.demo.DemoLoader;
import org.fangpin.demo.DemoPopulation;
import org.fangpin.monitoring.EngineComparison;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdImporter;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Benchmarks, each beside a baseline measured in the same run on the same database: the household import against a
 * raw {@code COPY} of the same file into an unindexed table; the national region tree import; statistics reads
 * against hand-written SQL of the same figures; ledger exports against the same rows written with fastexcel directly.
 */
@Command(
        name = "bench",
        description = "Benchmarks: import (households) | regions (national tree) | api (reads) | pages (lists)"
                + " | monitor (run)"
                + " | statistics (month-end snapshot and reads) | ledgers (XLSX and CSV exports) | asset-ledgers (the"
                + " asset and distribution ledgers)"
                + " | quality (data-quality checks on a generated lake, then 抽查 draws) | quality-checks (the checks"
                + " only) | quality-registry (the registry's checks against itself, in PostgreSQL) | helpers (结对覆盖"
                + " over --households)")
class BenchCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            description = "import | regions | api | pages | monitor | statistics | ledgers | asset-ledgers | quality"
                    + " | quality-checks"
                    + " | quality-registry | helpers")
    String what;

    @Option(names = "--persons", defaultValue = "1000000")
    long persons;

    @Option(names = "--assets", defaultValue = "200000", description = "asset-ledgers: how many assets")
    long assets;

    @Option(
            names = "--distribution-rows",
            defaultValue = "1000000",
            description = "asset-ledgers: how many distribution rows")
    long distributionRows;

    @Option(
            names = "--households",
            defaultValue = "3300000",
            description = "helpers: the current households, the registered ones copied up to this many")
    long households;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--work-dir", description = "where to put generated files and the benchmark database")
    Path workDir;

    @Option(names = "--postgres", description = "monitor: also run the hand-written SQL in PostgreSQL")
    boolean postgres;

    @Option(
            names = "--spark-classpath",
            description = "monitor: also run the plan on the Spark job, with Spark's jars listed in this file"
                    + " (spark-engine/target/spark-classpath.txt)")
    Path sparkClasspath;

    @Option(
            names = "--spark-jar",
            defaultValue = "spark-engine/target/fangpin-spark-engine.jar",
            description = "monitor: the Spark job jar")
    Path sparkJar;

    @Option(
            names = "--engines-only",
            description = "monitor: generate the lake, then only the hand-written query and the engines' plan, each"
                    + " once, with peak memory and spill (for a province too large for the platform's own run here)")
    boolean enginesOnly;

    @Option(names = "--spark-master", defaultValue = "local[2]", description = "monitor: the Spark job's master")
    String sparkMaster;

    @Option(names = "--spark-memory", defaultValue = "6g", description = "monitor: the Spark job's heap")
    String sparkMemory;

    @Option(
            names = "--durable",
            defaultValue = "true",
            arity = "1",
            description =
                    "the benchmark database's durability (fsync, synchronous commit); false measures what it costs")
    boolean durable;

    @Override
    public Integer call() throws Exception {
        return SpringOptions.asSystem("cli:bench", this::bench);
    }

    private Integer bench() throws Exception {
        Path dir = workDir != null ? workDir : Files.createTempDirectory("fangpin-bench");
        Files.createDirectories(dir);
        Map<String, Object> props = new HashMap<>(Map.of(
                "fangpin.embedded-db.data-dir",
                dir.resolve("pg").toString(),
                "fangpin.embedded-db.clean-on-exit",
                "true",
                "fangpin.import.work-dir",
                dir.resolve("imports").toString(),
                "logging.level.org.fangpin",
                "warn"));
        props.put("fangpin.lake.dir", dir.resolve("lake").toString());
        props.put("fangpin.embedded-db.durable", Boolean.toString(durable));
        System.out.printf(
                "machine: %d cores, max heap %d MiB, %s %s, date %s, durable database %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                LocalDate.now(),
                durable);
        return switch (what) {
            case "import" -> benchImport(dir, props);
            case "regions" -> benchRegions(dir, props);
            case "api" -> benchApi(props);
            case "pages" -> benchPages(props);
            case "monitor" -> {
                EngineComparison.SparkSetup spark = sparkClasspath == null
                        ? null
                        : new EngineComparison.SparkSetup(sparkMaster, sparkJar, sparkClasspath, sparkMemory);
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield enginesOnly
                            ? MonitorBench.runEnginesOnly(ctx, persons, spark)
                            : MonitorBench.run(ctx, persons, postgres, spark);
                }
            }
            case "statistics" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield StatisticsBench.run(ctx, dir, persons, seed);
                }
            }
            case "ledgers" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield LedgerBench.run(ctx, dir, persons, seed);
                }
            }
            case "asset-ledgers" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield AssetLedgerBench.run(ctx, dir, persons, seed, assets, distributionRows);
                }
            }
            case "quality" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    // the checks on a generated lake first: the draw's import then fills the registry
                    QualityChecksBench.run(ctx, persons);
                    yield QualityBench.run(ctx, dir, persons, seed);
                }
            }
            case "quality-registry" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield RegistryChecksBench.run(ctx, dir, persons, seed);
                }
            }
            case "quality-checks" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    QualityChecksBench.run(ctx, persons);
                    yield 0;
                }
            }
            case "helpers" -> {
                try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
                    yield HelperBench.run(ctx, dir, persons, seed, households);
                }
            }
            default -> throw new IllegalArgumentException("unknown benchmark " + what);
        };
    }

    private int benchImport(Path dir, Map<String, Object> props) throws Exception {
        long t0 = System.nanoTime();
        DemoPopulation.Result files = DemoPopulation.write(DemoPopulation.Spec.of(persons, seed), dir);
        System.out.printf(
                "generated %d persons in %d households in %d ms (%d MiB)%n",
                files.persons(), files.households(), ms(t0), Files.size(files.householdsCsv()) >> 20);
        try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
            ImportReport regions = ctx.getBean(RegionImporter.class)
                    .importFile(files.regionsCsv(), "regions.csv", "bench", Locale.CHINA);
            check(regions);
            DataSource ds = ctx.getBean(DataSource.class);
            HouseholdImporter importer = ctx.getBean(HouseholdImporter.class);
            // warm-up on a small slice so the JIT and the database caches are comparable for both runs
            rawCopy(ds, files.householdsCsv());
            double copySeconds = rawCopy(ds, files.householdsCsv());
            double floorSeconds = stagedFloor(ds, files.householdsCsv());
            ImportReport first = importer.importFile(
                    files.householdsCsv(),
                    "households.csv",
                    "bench",
                    Locale.CHINA,
                    new HouseholdImporter.Options(null, "bench"));
            check(first);
            ImportReport again = importer.importFile(
                    files.householdsCsv(),
                    "households.csv",
                    "bench",
                    Locale.CHINA,
                    new HouseholdImporter.Options(null, "bench"));
            check(again);
            double importSeconds = first.duration().toMillis() / 1000.0;
            double rate = files.persons() / importSeconds;
            double copyRate = files.persons() / copySeconds;
            System.out.printf("raw COPY into unindexed table: %.2f s (%.0f rows/s)%n", copySeconds, copyRate);
            System.out.printf(
                    "least a load through a staging table can take (COPY into a temporary table, one insert of the"
                            + " rows into an unindexed table, nothing checked): %.2f s, ratio to raw COPY %.2f%n",
                    floorSeconds, copySeconds / floorSeconds);
            System.out.printf(
                    "full import (validate, stage, merge, history): %.2f s (%.0f persons/s), ratio to raw COPY %.2f%n",
                    importSeconds, rate, rate / copyRate);
            System.out.printf(
                    "re-import of the same file (idempotent, %d unchanged): %.2f s%n",
                    again.unchanged(), again.duration().toMillis() / 1000.0);
            System.out.printf(
                    "| %s | %d persons | %.2f s | %.0f /s | %.2f s | %.0f /s | %.2f | %.2f s |%n",
                    LocalDate.now(),
                    files.persons(),
                    importSeconds,
                    rate,
                    copySeconds,
                    copyRate,
                    rate / copyRate,
                    again.duration().toMillis() / 1000.0);
        }
        return 0;
    }

    private int benchRegions(Path dir, Map<String, Object> props) throws Exception {
        Path file = dir.resolve("national-regions.csv");
        long n = DemoPopulation.writeNationalRegions(file);
        try (ConfigurableApplicationContext ctx = AppContext.start(props)) {
            double copySeconds = rawCopy(ctx.getBean(DataSource.class), file);
            ImportReport r = ctx.getBean(RegionImporter.class).importFile(file, "national.csv", "bench", Locale.CHINA);
            check(r);
            ImportReport again =
                    ctx.getBean(RegionImporter.class).importFile(file, "national.csv", "bench", Locale.CHINA);
            check(again);
            System.out.printf(
                    "national tree: %d regions imported in %.2f s (%d rows/s); raw COPY %.2f s;"
                            + " re-import (unchanged %d) %.2f s%n",
                    n,
                    r.duration().toMillis() / 1000.0,
                    r.rowsPerSecond(),
                    copySeconds,
                    again.unchanged(),
                    again.duration().toMillis() / 1000.0);
            System.out.printf(
                    "| %s | %d regions | %.2f s | %.2f s | %.2f | %.2f s |%n",
                    LocalDate.now(),
                    n,
                    r.duration().toMillis() / 1000.0,
                    copySeconds,
                    copySeconds / (r.duration().toMillis() / 1000.0),
                    again.duration().toMillis() / 1000.0);
        }
        return 0;
    }

    @Option(names = "--requests", defaultValue = "5000", description = "requests per API scenario")
    int requests;

    @Option(names = "--threads", defaultValue = "8", description = "concurrent clients for the API benchmark")
    int threads;

    @Option(
            names = "--rate",
            defaultValue = "500",
            description = "api: also read by id at this fixed rate (requests per second; 0: not)")
    int rate;

    /** The benchmark users' password: derived from the seed, so that a run can be repeated by hand. */
    private String benchPassword() {
        return "bench-" + Long.toHexString(seed * 2654435761L);
    }

    /** The application with its web server on a free loopback port. */
    private static ConfigurableApplicationContext startServer(Map<String, Object> props, String password) {
        Map<String, Object> p = new HashMap<>(props);
        p.put("server.port", "0");
        p.put("server.address", "127.0.0.1");
        p.put("fangpin.security.admin-password", password);
        return AppContext.start(p, WebApplicationType.SERVLET);
    }

    /** API reads over HTTP (session login) against the same reads in hand-written SQL, same concurrency. */
    private int benchApi(Map<String, Object> props) throws Exception {
        String password = benchPassword();
        try (ConfigurableApplicationContext ctx = startServer(props, password)) {
            ctx.getBean(DemoLoader.class).load(persons, seed);
            DataSource ds = ctx.getBean(DataSource.class);
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = JdbcClient.create(ds);
            List<Long> ids = jdbc.sql("select household_id from household where valid_to is null"
                            + " order by md5(household_id::text) limit 2000")
                    .query(Long.class)
                    .list();
            List<String> townships = ctx.getBean(RegionDirectory.class).atLevel(RegionLevel.TOWNSHIP).stream()
                    .map(Region::code)
                    .toList();
            // reads go through a county user's data scope, as a county office's would
            jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                            + " values ('bench', ?, 'bench', 'COUNTY', '421122000000')")
                    .param(ctx.getBean(PasswordEncoder.class).encode(password))
                    .update();
            ApiBench api = new ApiBench(port);
            api.login("bench", password);
            List<ApiBench.Result> results = new ArrayList<>();
            results.add(ApiBench.measure(
                    "GET /api/v1/households/{id}",
                    threads,
                    requests,
                    (w, i) -> api.get("/api/v1/households/" + ids.get(i % ids.size()))));
            results.add(ApiBench.measure(
                    "SQL: household + members",
                    threads,
                    requests,
                    (w, i) -> ApiBench.sqlHousehold(ds, ids.get(i % ids.size()))));
            if (rate > 0) { // the same reads at a fixed rate: the latency a client meets at that load
                results.add(ApiBench.measureAt(
                        "GET /api/v1/households/{id} at " + rate + "/s",
                        threads,
                        requests,
                        rate,
                        (w, i) -> api.get("/api/v1/households/" + ids.get(i % ids.size()))));
                results.add(ApiBench.measureAt(
                        "SQL: household + members at " + rate + "/s",
                        threads,
                        requests,
                        rate,
                        (w, i) -> ApiBench.sqlHousehold(ds, ids.get(i % ids.size()))));
            }
            results.add(ApiBench.measure(
                    "GET /api/v1/households?region=township (50)",
                    threads,
                    requests / 5,
                    (w, i) -> api.get("/api/v1/households?limit=50&region=" + townships.get(i % townships.size()))));
            results.add(ApiBench.measure("SQL: township page + members", threads, requests / 5, (w, i) -> {
                String t = townships.get(i % townships.size());
                ApiBench.sqlPage(ds, t, t.substring(0, 9) + "999");
            }));
            results.add(ApiBench.measure(
                    "GET /households (page, HTML)",
                    threads,
                    requests / 5,
                    (w, i) -> api.get("/households?region=" + townships.get(i % townships.size()))));
            System.out.printf("%d persons, %d threads; latency in ms%n", persons, threads);
            System.out.println("| scenario | requests | req/s | p50 | p95 | p99 |");
            for (ApiBench.Result r : results) {
                System.out.printf(
                        "| %s | %d | %.0f | %.2f | %.2f | %.2f |%n",
                        r.name(), r.requests(), r.perSecond(), r.p50(), r.p95(), r.p99());
            }
            Map<String, Double> rps = new HashMap<>();
            results.forEach(r -> rps.put(r.name(), r.perSecond()));
            System.out.printf(
                    "ratio API/SQL throughput: by id %.2f, township page %.2f%n",
                    rps.get("GET /api/v1/households/{id}") / rps.get("SQL: household + members"),
                    rps.get("GET /api/v1/households?region=township (50)") / rps.get("SQL: township page + members"));
        }
        return 0;
    }

    /**
     * Every list page as a county and a township office open it, one request at a time (the server's time for the
     * page, as a person waits for it), beside the alert list's own statements in hand-written SQL.
     */
    private int benchPages(Map<String, Object> props) throws Exception {
        String password = benchPassword();
        try (ConfigurableApplicationContext ctx = startServer(props, password)) {
            long t0 = System.nanoTime();
            ctx.getBean(DemoLoader.class).load(persons, seed);
            System.out.printf("demo of %d persons loaded in %.0f s%n", persons, (System.nanoTime() - t0) / 1e9);
            DataSource ds = ctx.getBean(DataSource.class);
            int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = JdbcClient.create(ds);
            jdbc.sql("analyze").update();
            PasswordEncoder encoder = ctx.getBean(PasswordEncoder.class);
            // the township with the most alerts, as the busiest township office
            String township = jdbc.sql("select substr(village_code, 1, 9) || '000' from alert group by 1"
                            + " order by count(*) desc limit 1")
                    .query(String.class)
                    .single();
            for (String[] u :
                    new String[][] {{"bench-county", "COUNTY", "421122000000"}, {"bench-town", "TOWNSHIP", township}}) {
                jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                                + " values (?, ?, ?, ?, ?)")
                        .params(u[0], encoder.encode(password), u[0], u[1], u[2])
                        .update();
            }
            List<String> pages = List.of(
                    "/",
                    "/inbox",
                    "/households",
                    "/alerts",
                    "/alerts?status=NEW&sort=SEVERITY&page=50",
                    "/cases",
                    "/plans",
                    "/grievances",
                    "/cases/proposals",
                    "/monitoring",
                    "/feeds",
                    "/statistics",
                    "/ledgers");
            int n = Math.max(20, requests / 100);
            System.out.printf("%d persons; each page %d times after %d warm-up, one at a time; ms%n", persons, n, 3);
            System.out.println("| user | page | p50 | p95 | max |");
            for (String user : List.of("bench-county", "bench-town")) {
                ApiBench api = new ApiBench(port);
                api.login(user, password);
                for (String page : pages) {
                    ApiBench.Result r = ApiBench.measure(page, 1, n, (w, i) -> api.get(page));
                    System.out.printf("| %s | `%s` | %.1f | %.1f | %.1f |%n", user, page, r.p50(), r.p95(), r.p99());
                }
            }
            // the baseline: the alert list's count, counts by status and first page, for the county, in SQL
            ApiBench.Result sql = ApiBench.measure("SQL: alert list", 1, n, (w, i) -> {
                try (var c = ds.getConnection();
                        var count = c.prepareStatement(
                                "select count(*) from alert where village_code like" + " '421122%'");
                        var byStatus = c.prepareStatement("select status, count(*) from alert where village_code"
                                + " like '421122%' group by status");
                        var first = c.prepareStatement("select id, household_id, household_no, village_code,"
                                + " status, severity, suggested_category, rules, assigned_to, created_at from alert"
                                + " where village_code like '421122%' order by id desc limit 30")) {
                    ApiBench.drain(count);
                    ApiBench.drain(byStatus);
                    ApiBench.drain(first);
                }
            });
            System.out.printf(
                    "| SQL baseline | alert list statements | %.1f | %.1f | %.1f |%n", sql.p50(), sql.p95(), sql.p99());
        }
        return 0;
    }

    /** The baseline: the same file's bytes into an unindexed table of text columns by COPY ... CSV. */
    private static double rawCopy(DataSource ds, Path csv) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.createStatement().execute("drop table if exists bench_raw; create table bench_raw " + textColumns(csv));
            long t0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy bench_raw from stdin (format csv, header true)", in);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.createStatement().execute("drop table bench_raw");
            return seconds;
        }
    }

    /**
     * The least any import that stages its rows can take: the same bytes COPYed into a temporary table of text
     * columns, then inserted once into an unindexed table, in one transaction, with no parsing, checking, sealing or
     * indexing. Its ratio to the raw COPY bounds the ratio an import through a staging table can reach.
     */
    private static double stagedFloor(DataSource ds, Path csv) throws Exception {
        try (Connection c = ds.getConnection()) {
            String cols = textColumns(csv);
            c.createStatement().execute("drop table if exists bench_final; create table bench_final " + cols);
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            c.createStatement().execute("create temp table bench_stage " + cols + " on commit drop");
            try (InputStream in = Files.newInputStream(csv)) {
                c.unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn("copy bench_stage from stdin (format csv, header true)", in);
            }
            c.createStatement().execute("insert into bench_final select * from bench_stage");
            c.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            c.setAutoCommit(true);
            c.createStatement().execute("drop table bench_final");
            return seconds;
        }
    }

    /** A text column per column of the CSV's header: {@code (c0 text, c1 text, …)}. */
    private static String textColumns(Path csv) throws IOException {
        String header;
        try (var reader = Files.newBufferedReader(csv)) {
            header = reader.readLine();
        }
        StringBuilder cols = new StringBuilder("(");
        int columns = header.split(",", -1).length;
        for (int i = 0; i < columns; i++) {
            cols.append(i == 0 ? "" : ", ").append("c").append(i).append(" text");
        }
        return cols.append(")").toString();
    }

    private static void check(ImportReport r) {
        if (!r.applied()) {
            throw new IllegalStateException(
                    "benchmark import rejected: " + r.errorCount() + " errors, first " + r.errors());
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
