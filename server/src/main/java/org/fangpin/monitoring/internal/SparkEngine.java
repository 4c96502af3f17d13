package org.fangpin.monitoring.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.fangpin.common.lake.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine beyond one machine: each plan is written as JSON beside its results and run by the Spark job ({@code
 * org.fangpin.spark.MonitoringJob}, module {@code spark-engine}) — submitted to the cluster, or as a Java program on
 * this machine — which reads the same Parquet files and writes each step's result where {@link DuckDbEngine} would.
 * The platform then ingests the results exactly as it does DuckDB's. Chosen by {@code fangpin.monitoring.engine=spark};
 * set up by {@link SparkProperties}.
 */
@Component
@Primary
@ConditionalOnProperty(name = "fangpin.monitoring.engine", havingValue = "spark")
public class SparkEngine implements MonitoringEngine {

    private static final Logger log = LoggerFactory.getLogger(SparkEngine.class);
    static final String JOB_CLASS = "org.fangpin.spark.MonitoringJob";

    /** What spark-submit adds on Java 17+ (org.apache.spark.launcher.JavaModuleOptions), for the Java program. */
    private static final List<String> MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-modules=jdk.incubator.vector",
            "-Dio.netty.allocator.type=pooled",
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED");

    private final SparkProperties settings;
    private final Path lakeDir;
    private final JsonMapper json;

    @Autowired
    SparkEngine(SparkProperties settings, Lake lake, JsonMapper json) {
        this(settings, lake.root(), json);
    }

    SparkEngine(SparkProperties settings, Path lakeDir, JsonMapper json) {
        this.settings = settings;
        this.lakeDir = lakeDir.toAbsolutePath().normalize();
        this.json = json;
    }

    /**
     * An engine that runs the job on this machine ({@code master} {@code local[N]}, its heap {@code memory}) with
     * Spark's jars listed in {@code classpathFile}, over the lake directory {@code lakeDir}: for comparing the
     * engines and for tests.
     */
    public static SparkEngine local(
            Path jobJar, Path classpathFile, String master, String memory, Path lakeDir, JsonMapper json) {
        return new SparkEngine(
                new SparkProperties(
                        List.of("spark-submit"),
                        master,
                        jobJar,
                        null,
                        Map.of(),
                        classpathFile,
                        memory,
                        Duration.ofMinutes(60)),
                lakeDir,
                json);
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Result execute(Plan plan) {
        long start = System.nanoTime();
        if (plan.steps().isEmpty()) {
            return new Result(List.of(), 0);
        }
        Path dir = plan.steps().get(0).output().toAbsolutePath().getParent();
        String id = UUID.randomUUID().toString();
        Path planFile = dir.resolve("spark-plan-" + id + ".json");
        Path resultFile = dir.resolve("spark-result-" + id + ".json");
        Path logFile = dir.resolve("spark-job-" + id + ".log");
        Process p = null;
        try {
            Files.createDirectories(dir);
            Files.writeString(planFile, json.writeValueAsString(jobPlan(plan, resultFile)));
            List<String> command = command(uri(planFile));
            log.info("Spark monitoring job: {}", shown(command));
            ProcessBuilder pb =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile());
            // the job needs none of the server's secrets: keys, passwords and the database stay here
            pb.environment().keySet().removeIf(k -> k.startsWith("FANGPIN_") || k.startsWith("SPRING_DATASOURCE_"));
            p = pb.start();
            if (!p.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(
                        "the Spark job took longer than " + settings.timeout() + "; see " + logFile);
            }
            if (p.exitValue() != 0 || !Files.exists(resultFile)) {
                throw new IllegalStateException("the Spark job failed (exit " + p.exitValue() + "): " + tail(logFile));
            }
            JsonNode r = json.readTree(Files.readString(resultFile));
            List<Long> rows = new ArrayList<>();
            r.get("rows").forEach(n -> rows.add(n.asLong()));
            log.info(
                    "Spark monitoring job: steps {} in {} ms ({} ms with the job's start)",
                    rows,
                    r.get("millis").asLong(),
                    (System.nanoTime() - start) / 1_000_000);
            Files.deleteIfExists(resultFile);
            Files.deleteIfExists(planFile);
            return new Result(rows, (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the Spark job ran", e);
        } finally {
            // a job that timed out, or a run interrupted: the job and whatever it started do not outlive the run
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                try {
                    p.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The command as logged: the values of Spark settings (which may hold credentials) masked, given as {@code --conf}
     * or as {@code -D…} system properties.
     */
    static String shown(List<String> command) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String a = command.get(i);
            boolean setting = (i > 0 && command.get(i - 1).equals("--conf")) || a.startsWith("-D");
            out.add(setting && a.contains("=") ? a.substring(0, a.indexOf('=') + 1) + "***" : a);
        }
        return String.join(" ", out);
    }

    /** The plan as the job reads it: every path as the URI the cluster sees. */
    private Map<String, Object> jobPlan(Plan plan, Path resultFile) {
        List<Map<String, Object>> tables = new ArrayList<>();
        for (Table t : plan.tables()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.name());
            m.put("files", t.files().stream().map(this::uri).toList());
            m.put("columns", t.columns());
            m.put("periodColumn", t.periodColumn());
            tables.add(m);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Step s : plan.steps()) {
            steps.add(Map.of("name", s.name(), "sql", s.sql(), "output", uri(s.output())));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tables", tables);
        p.put("steps", steps);
        p.put("result", uri(resultFile));
        return p;
    }

    /**
     * A path of the lake as the cluster sees it: under {@code lake-uri} when set, else the file itself ({@code
     * file://} and the path as it is — Hadoop's {@code Path} reads a string unencoded, so a space or a Chinese
     * directory name stays itself).
     */
    String uri(Path file) {
        Path f = file.toAbsolutePath().normalize();
        String rest = f.toString().replace(File.separatorChar, '/');
        if (settings.lakeUri() != null && f.startsWith(lakeDir)) {
            String base = settings.lakeUri().toString();
            return (base.endsWith("/") ? base : base + "/")
                    + lakeDir.relativize(f).toString().replace(File.separatorChar, '/');
        }
        return "file://" + (rest.startsWith("/") ? "" : "/") + rest;
    }

    List<String> command(String planUri) throws IOException {
        List<String> c = new ArrayList<>();
        if (settings.classpathFile() != null) {
            // a Java program on this machine: the job and Spark's jars, no installation needed
            String sparkJars = Files.readString(settings.classpathFile(), StandardCharsets.UTF_8)
                    .strip();
            c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            c.add("-Xmx" + settings.driverMemory());
            c.addAll(MODULE_OPTIONS);
            // the deployer's Spark settings as system properties, which SparkConf reads (those that shape the
            // driver's JVM — its memory, options, class path — are not applied this way); other keys Spark ignores
            if (settings.conf() != null) {
                settings.conf().forEach((k, v) -> {
                    if (k.startsWith("spark.")) {
                        c.add("-D" + k + "=" + v);
                    } else {
                        log.warn("Spark setting {} ignored: a job on this machine takes spark.* settings only", k);
                    }
                });
            }
            c.add("-cp");
            c.add(settings.jobJar().toAbsolutePath() + File.pathSeparator + sparkJars);
            c.add(JOB_CLASS);
            c.add("--master");
            c.add(settings.master());
            c.add(planUri);
            return c;
        }
        c.addAll(settings.submit());
        c.add("--master");
        c.add(settings.master());
        c.add("--class");
        c.add(JOB_CLASS);
        c.add("--driver-memory");
        c.add(settings.driverMemory());
        if (settings.conf() != null) {
            settings.conf().forEach((k, v) -> {
                c.add("--conf");
                c.add(k + "=" + v);
            });
        }
        c.add(settings.jobJar().toAbsolutePath().toString());
        c.add(planUri);
        return c;
    }

    /** The last lines of the job's log: what went wrong, for the run's error. */
    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> errors = lines.stream()
                    .filter(l -> l.contains("Exception") || l.contains("Error") || l.startsWith("usage"))
                    .toList();
            List<String> shown = errors.isEmpty() ? lines : errors;
            return String.join("\n", shown.subList(Math.max(0, shown.size() - 5), shown.size()));
        } catch (IOException e) {
            return "see " + logFile;
        }
    }
}
