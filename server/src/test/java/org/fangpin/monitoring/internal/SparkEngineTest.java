package org.fangpin.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** How the engine names files to the job, and what it logs of the command. */
class SparkEngineTest {

    private static SparkEngine engine(URI lakeUri) {
        return new SparkEngine(
                new SparkProperties(
                        List.of("spark-submit"),
                        "yarn",
                        Path.of("/opt/fangpin/fangpin-spark-engine.jar"),
                        lakeUri,
                        Map.of(),
                        null,
                        "2g",
                        Duration.ofHours(1)),
                Path.of("/data/防返贫 平台/lake"),
                JsonMapper.builder().build());
    }

    @Test
    void aFileIsNamedAsHadoopReadsItSpacesAndChineseUnencoded() {
        // Hadoop's Path(String) does not decode %20 or %E9…: the name is passed as it is
        assertThat(engine(null).uri(Path.of("/data/防返贫 平台/lake/feeds/period=2026-10/b 1.parquet")))
                .isEqualTo("file:///data/防返贫 平台/lake/feeds/period=2026-10/b 1.parquet");
    }

    @Test
    void underALakeUriTheLakesFilesAreNamedThereOthersStayFiles() {
        SparkEngine e = engine(URI.create("hdfs://nn:8020/fangpin/lake"));
        assertThat(e.uri(Path.of("/data/防返贫 平台/lake/registry/person/county=421122/p.parquet")))
                .isEqualTo("hdfs://nn:8020/fangpin/lake/registry/person/county=421122/p.parquet");
        assertThat(e.uri(Path.of("/tmp/other.parquet"))).isEqualTo("file:///tmp/other.parquet");
    }

    @Test
    void theLoggedCommandMasksConfValues() {
        assertThat(SparkEngine.shown(
                        List.of("spark-submit", "--conf", "spark.hadoop.fs.s3a.secret.key=s3cr3t", "--master", "yarn")))
                .isEqualTo("spark-submit --conf spark.hadoop.fs.s3a.secret.key=*** --master yarn")
                .doesNotContain("s3cr3t");
        // a job on this machine takes the same settings as system properties
        assertThat(SparkEngine.shown(List.of("java", "-Xmx2g", "-Dspark.hadoop.fs.s3a.secret.key=s3cr3t", "Job")))
                .isEqualTo("java -Xmx2g -Dspark.hadoop.fs.s3a.secret.key=*** Job");
        assertThat(SparkEngine.shown(List.of("java", "-Dfs.s3a.secret.key=s3cr3t", "Job")))
                .doesNotContain("s3cr3t");
    }

    @Test
    void aJobOnThisMachineTakesTheDeployersSparkSettingsAsSystemProperties(@TempDir Path dir) throws Exception {
        Path classpath = Files.writeString(dir.resolve("cp.txt"), "/spark/jars/a.jar\n");
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.sql.shuffle.partitions", "7");
        conf.put("fs.s3a.secret.key", "s3cr3t");
        SparkEngine local = new SparkEngine(
                new SparkProperties(
                        List.of("spark-submit"),
                        "local[2]",
                        Path.of("/opt/fangpin/fangpin-spark-engine.jar"),
                        null,
                        conf,
                        classpath,
                        "2g",
                        Duration.ofHours(1)),
                dir,
                JsonMapper.builder().build());
        List<String> command = local.command("file:///lake/plan.json");
        // before the class path and the job's class: a JVM option, which SparkConf reads as a setting
        assertThat(command).contains("-Dspark.sql.shuffle.partitions=7");
        assertThat(command.indexOf("-Dspark.sql.shuffle.partitions=7")).isLessThan(command.indexOf("-cp"));
        // a key Spark would not read is left out (and named in the log, without its value)
        assertThat(String.join(" ", command)).doesNotContain("s3cr3t");
        assertThat(command).endsWith("--master", "local[2]", "file:///lake/plan.json");
    }
}
