package org.fangpin.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A monitoring run's plan on Apache Spark: the plan the platform wrote (its input tables — Parquet files of the lake —
 * and its steps — compiled SQL) is read from a URI, each table exposed under its name, each step run in order and its
 * result written as one Parquet file where the platform reads it, exactly as the one-machine engine does (ADR 0031).
 * The rows each step wrote and the time taken are written to the plan's {@code result} URI.
 *
 * <p>Started by {@code spark-submit --class org.fangpin.spark.MonitoringJob fangpin-spark-engine.jar <plan-uri>} on a
 * cluster, or with {@code --master local[N]} as a plain Java program on one machine.
 */
public final class MonitoringJob {

    /** An input table: Parquet files read by name with the declared columns; {@code period=YYYY-MM} as a column. */
    public record Table(String name, List<String> files, String columns, boolean periodColumn) {}

    /** One statement whose result is written to {@code output} and then known as {@code name}. */
    public record Step(String name, String sql, String output) {}

    /** What the platform asks: the tables, the steps, where to write what happened. */
    public record Plan(List<Table> tables, List<Step> steps, String result) {}

    /** What happened: the rows each step wrote, in step order, and the time taken. */
    public record Result(List<Long> rows, long millis) {}

    private static final Pattern PERIOD = Pattern.compile("period=(\\d{4}-\\d{2})");
    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?");
    private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

    /** Input per shuffle partition on one machine: a task's sort of this much stays in memory beside its neighbours. */
    static final long PARTITION_BYTES = 128L << 20;

    /** The most shuffle partitions a job on one machine is given. */
    static final int MAX_PARTITIONS = 20_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SparkSession spark;

    public MonitoringJob(SparkSession spark) {
        this.spark = spark;
    }

    public static void main(String[] args) throws IOException {
        String planUri = null;
        String master = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--master") && i + 1 < args.length) {
                master = args[++i];
            } else {
                planUri = args[i];
            }
        }
        if (planUri == null) {
            System.err.println("usage: MonitoringJob [--master local[N]] <plan-uri>");
            System.exit(2);
        }
        SparkSession.Builder b = SparkSession.builder().appName("fangpin-monitoring");
        if (master != null) {
            // a plain Java program on one machine: no web UI
            b.master(master).config("spark.ui.enabled", "false");
        }
        try (SparkSession spark = b.getOrCreate()) {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            Plan plan;
            try (InputStream in = fs(planUri, conf).open(new Path(planUri))) {
                plan = JSON.readValue(in, Plan.class);
            }
            shufflePartitions(master, System.getProperty(SHUFFLE_PARTITIONS), () -> inputBytes(plan, conf))
                    .ifPresent(n -> spark.conf().set(SHUFFLE_PARTITIONS, String.valueOf(n)));
            Result r = new MonitoringJob(spark).run(plan);
            try (OutputStream out = fs(plan.result(), conf).create(new Path(plan.result()), true)) {
                out.write(JSON.writeValueAsString(r).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Runs the plan: tables as temporary views, then each step, its result written and known by its name. */
    public Result run(Plan plan) {
        long start = System.nanoTime();
        for (Table t : plan.tables()) {
            table(t).createOrReplaceTempView(t.name());
        }
        List<Long> rows = new ArrayList<>();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (Step s : plan.steps()) {
            Dataset<Row> result = spark.sql(s.sql());
            rows.add(write(result, s.output(), conf));
            spark.read().parquet(s.output()).createOrReplaceTempView(s.name());
        }
        return new Result(rows, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * A table's rows: its files read with the declared columns (a column a file lacks reads as null; a UUID column
     * — which Spark's Parquet reader refuses by its logical type — as its 16 bytes), {@code period} from each file's
     * {@code period=YYYY-MM} directory; no files: no rows, with the columns.
     */
    Dataset<Row> table(Table t) {
        StructType declared = schema(t.columns());
        StructType read = declared;
        if (t.periodColumn()) {
            read = new StructType();
            for (StructField f : declared.fields()) {
                if (!f.name().equals("period")) {
                    read = read.add(f);
                }
            }
        }
        if (t.files().isEmpty()) {
            return spark.createDataFrame(List.<Row>of(), declared);
        }
        if (!t.periodColumn()) {
            return spark.read().schema(read).parquet(t.files().toArray(String[]::new));
        }
        Map<String, List<String>> byPeriod = new LinkedHashMap<>();
        for (String f : t.files()) {
            Matcher m = PERIOD.matcher(f);
            if (!m.find()) {
                throw new IllegalArgumentException(
                        "a file of " + t.name() + " lies in no period=YYYY-MM directory: " + f);
            }
            byPeriod.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f);
        }
        Dataset<Row> all = null;
        for (Map.Entry<String, List<String>> e : byPeriod.entrySet()) {
            Dataset<Row> part = spark.read()
                    .schema(read)
                    .parquet(e.getValue().toArray(String[]::new))
                    .withColumn("period", functions.to_date(functions.lit(e.getKey() + "-01")));
            all = all == null ? part : all.unionByName(part);
        }
        return all.select(
                Arrays.stream(declared.fieldNames()).map(functions::col).toArray(Column[]::new));
    }

    /**
     * The declared columns ("name TYPE, ...", the platform's DuckDB types) as Spark's: VARCHAR is STRING, UUID is its
     * 16 bytes (BINARY), INTEGER is INT; the others are spelled alike.
     */
    static StructType schema(String columns) {
        StringBuilder ddl = new StringBuilder();
        for (String def : columns.split(",\\s*(?![0-9])")) {
            String[] nt = def.strip().split("\\s+", 2);
            String type = nt[1].strip().toUpperCase(Locale.ROOT);
            String spark = switch (type) {
                case "VARCHAR", "TEXT" -> "STRING";
                case "UUID" -> "BINARY";
                case "INTEGER" -> "INT";
                case "HUGEINT" -> "DECIMAL(38,0)";
                default -> type;
            };
            ddl.append(ddl.length() == 0 ? "" : ", ")
                    .append('`')
                    .append(nt[0])
                    .append("` ")
                    .append(spark);
        }
        return StructType.fromDDL(ddl.toString());
    }

    /**
     * Writes a result as one Parquet file at {@code output}: written into a directory beside it, then the part file
     * moved into place (the platform reads a file, not a directory). Returns its rows.
     */
    private static long write(Dataset<Row> result, String output, Configuration conf) {
        Path target = new Path(output);
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".spark");
        try {
            FileSystem fs = fs(output, conf);
            fs.delete(tmp, true);
            // one file: the result (flagged households, their sources) is small beside the inputs; a shuffle into
            // one partition keeps the steps before it parallel, which coalesce(1) would not
            result.repartition(1).write().option("compression", "zstd").parquet(tmp.toString());
            Path part = null;
            for (FileStatus f : fs.listStatus(tmp)) {
                if (f.getPath().getName().startsWith("part-")
                        && f.getPath().getName().endsWith(".parquet")) {
                    part = f.getPath();
                }
            }
            if (part == null) {
                throw new IllegalStateException("Spark wrote no Parquet file for " + output);
            }
            fs.delete(target, false);
            if (!fs.rename(part, target)) {
                throw new IllegalStateException("cannot move " + part + " to " + target);
            }
            fs.delete(tmp, true);
            // the rows written, from the file's footer
            return result.sparkSession().read().parquet(output).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileSystem fs(String uri, Configuration conf) throws IOException {
        return FileSystem.get(URI.create(uri), conf);
    }

    /**
     * The shuffle partitions to set for a job, if any: on one machine ({@code master} given, {@code local[N]}) they
     * follow the cores and the input ({@link #localPartitions}), unless the deployer set them ({@code deployers}, from
     * {@code -Dspark.sql.shuffle.partitions=N}); on a cluster they are the deployer's. The input is measured only
     * when needed.
     */
    static OptionalInt shufflePartitions(String master, String deployers, LongSupplier inputBytes) {
        if (master == null || deployers != null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(localPartitions(cores(master), inputBytes.getAsLong()));
    }

    /**
     * The shuffle partitions of a job on one machine of {@code cores} cores reading {@code inputBytes} of Parquet:
     * two per core (at least four), or one per {@link #PARTITION_BYTES} of input where that is more — with a fixed
     * four, a 100-million-person province sorted ~1.5 GiB runs per task and spilled 33 GiB; adaptive query execution
     * coalesces partitions that turn out small. A whole number per core, so that no wave runs half empty; at most
     * {@link #MAX_PARTITIONS} (rounded down to a whole number per core).
     */
    static int localPartitions(int cores, long inputBytes) {
        long c = Math.max(1, cores);
        long byInput = (inputBytes + PARTITION_BYTES - 1) / PARTITION_BYTES;
        long n = Math.max(Math.max(4, c * 2), byInput);
        n = (n + c - 1) / c * c;
        return (int) Math.min(n, MAX_PARTITIONS / c * c);
    }

    /**
     * The bytes of the files the plan's tables read; a name that is not a plain file (a directory, a pattern) or that
     * cannot be read counts as nothing — the estimate only sizes the partitions, and the reader reports what is wrong.
     */
    private static long inputBytes(Plan plan, Configuration conf) {
        long bytes = 0;
        for (Table t : plan.tables()) {
            for (String f : t.files()) {
                try {
                    FileStatus status = fs(f, conf).getFileStatus(new Path(f));
                    bytes += status.isFile() ? status.getLen() : 0;
                } catch (IOException | IllegalArgumentException e) {
                    // not a plain file: left out of the estimate
                }
            }
        }
        return bytes;
    }

    /** The threads of a {@code local}, {@code local[N]}, {@code local[N,F]} or {@code local[*]} master (else this machine's cores). */
    static int cores(String master) {
        Matcher m = LOCAL.matcher(master);
        if (!m.matches()) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (m.group(1) == null) {
            return 1;
        }
        return m.group(1).equals("*")
                ? Runtime.getRuntime().availableProcessors()
                : Math.max(1, Integer.parseInt(m.group(1)));
    }
}
