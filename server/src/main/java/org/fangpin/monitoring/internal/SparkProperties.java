package org.fangpin.monitoring.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How monitoring runs go to Apache Spark when {@code fangpin.monitoring.engine=spark} (ADR 0031; README, "Monitoring
 * on Spark"):
 *
 * <ul>
 *   <li>{@code submit}: the command that submits a job (default {@code spark-submit}; e.g. a wrapper that sets the
 *       cluster's environment), given {@code --master}, {@code --class}, each {@code conf} as {@code --conf k=v}, the
 *       job jar and the plan's URI;
 *   <li>{@code master}: the cluster ({@code yarn}, {@code spark://host:7077}, {@code k8s://…}) or {@code local[N]};
 *   <li>{@code job-jar}: {@code fangpin-spark-engine.jar} (built by {@code spark-engine/});
 *   <li>{@code lake-uri}: where the cluster finds the lake directory ({@code fangpin.lake.dir}) — a shared filesystem
 *       mounted at the same path needs none; else e.g. {@code hdfs://nn/fangpin/lake} for the same directory exported
 *       there; results are read back from the lake directory, so it must be the same storage;
 *   <li>{@code classpath-file}: instead of submitting, run the job as a Java program on this machine with Spark's jars
 *       listed in this file (one line, separated by the path separator; {@code spark-engine/target/spark-classpath.txt}),
 *       {@code master} then {@code local[N]}, each {@code spark.*} {@code conf} as a {@code -Dk=v} system property
 *       (read by SparkConf; settings of the driver's JVM — {@code spark.driver.memory}, its options and class path —
 *       take no effect this way: {@code driver-memory} sets the heap);
 *   <li>{@code timeout}: a run that takes longer is stopped and fails.
 * </ul>
 */
@ConfigurationProperties("fangpin.monitoring.spark")
record SparkProperties(
        @DefaultValue("spark-submit") List<String> submit,
        @DefaultValue("local[*]") String master,
        @DefaultValue("./fangpin-spark-engine.jar") Path jobJar,
        URI lakeUri,
        Map<String, String> conf,
        Path classpathFile,
        @DefaultValue("2g") String driverMemory,
        @DefaultValue("6h") Duration timeout) {}
