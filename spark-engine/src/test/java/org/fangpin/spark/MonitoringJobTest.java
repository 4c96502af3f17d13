package org.fangpin.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on its own, in {@code local[1]}: the platform's column types read as Spark's, a feed's files of two
 * schema versions in their period directories read as one table (the period a date, a column older files lack
 * null), a table without files still has its columns, and a step's result is one Parquet file with its rows counted.
 */
class MonitoringJobTest {

    static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[1]")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void onOneMachineTheShufflePartitionsFollowTheCoresAndTheInput() {
        // small inputs: two per core, at least four
        assertThat(MonitoringJob.localPartitions(1, 0)).isEqualTo(4);
        assertThat(MonitoringJob.localPartitions(2, 1L << 20)).isEqualTo(4);
        assertThat(MonitoringJob.localPartitions(8, 1L << 20)).isEqualTo(16);
        assertThat(MonitoringJob.localPartitions(0, 0)).isEqualTo(4);
        // one per 128 MiB beyond that, a whole number per core: 10.4 GB of a 100 M-person lake on 2 cores
        assertThat(MonitoringJob.localPartitions(2, 10_400_000_000L)).isEqualTo(78);
        assertThat(MonitoringJob.localPartitions(3, 5 * MonitoringJob.PARTITION_BYTES + 1))
                .isEqualTo(6);
        // capped, still a whole number per core
        assertThat(MonitoringJob.localPartitions(2, Long.MAX_VALUE / 2)).isEqualTo(MonitoringJob.MAX_PARTITIONS);
        assertThat(MonitoringJob.localPartitions(3, Long.MAX_VALUE / 2) % 3).isZero();
    }

    @Test
    void theJobSetsItsPartitionsOnlyOnOneMachineAndOnlyWhenTheDeployerDidNot() {
        long[] measured = {0};
        LongSupplier input = () -> {
            measured[0]++;
            return 3_062L << 20;
        };
        // submitted to a cluster (no --master for the job): the deployer's
        assertThat(MonitoringJob.shufflePartitions(null, null, input)).isEmpty();
        // the deployer chose them (-Dspark.sql.shuffle.partitions=64): kept, the input not even measured
        assertThat(MonitoringJob.shufflePartitions("local[2]", "64", input)).isEmpty();
        assertThat(measured[0]).isZero();
        // on one machine: by the input, 3 GiB on two cores
        assertThat(MonitoringJob.shufflePartitions("local[2]", null, input)).hasValue(24);
        assertThat(measured[0]).isEqualTo(1);
    }

    @Test
    void aLocalMastersThreadsAreItsCores() {
        assertThat(MonitoringJob.cores("local")).isEqualTo(1);
        assertThat(MonitoringJob.cores("local[3]")).isEqualTo(3);
        assertThat(MonitoringJob.cores("local[4,2]")).isEqualTo(4);
        assertThat(MonitoringJob.cores("local[0]")).isEqualTo(1);
        assertThat(MonitoringJob.cores("local[*]"))
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void thePlatformsTypesReadAsSparks() {
        StructType s = MonitoringJob.schema(
                "household_id BIGINT, id_hash UUID, village_code VARCHAR, amount DECIMAL(14,2), members INTEGER");
        assertThat(s.fieldNames()).containsExactly("household_id", "id_hash", "village_code", "amount", "members");
        assertThat(s.fields()[0].dataType()).isEqualTo(DataTypes.LongType);
        assertThat(s.fields()[1].dataType()).isEqualTo(DataTypes.BinaryType);
        assertThat(s.fields()[2].dataType()).isEqualTo(DataTypes.StringType);
        assertThat(s.fields()[3].dataType()).isEqualTo(DataTypes.createDecimalType(14, 2));
        assertThat(s.fields()[4].dataType()).isEqualTo(DataTypes.IntegerType);
    }

    @Test
    void aFeedOfTwoSchemaVersionsIsOneTableWithItsPeriods() throws IOException {
        Path january = write(
                "select 'b1' as batch_id, cast(1 as bigint) as line, cast(100 as decimal(14,2)) as amount",
                "feed/period=2026-01");
        Path february = write(
                "select 'b2' as batch_id, cast(1 as bigint) as line, cast(200 as decimal(14,2)) as amount,"
                        + " cast(50 as decimal(14,2)) as education_cost",
                "feed/period=2026-02");
        Path out = dir.resolve("out/sums.parquet");
        MonitoringJob.Result r = new MonitoringJob(spark)
                .run(new MonitoringJob.Plan(
                        List.of(
                                new MonitoringJob.Table(
                                        "feed_x",
                                        List.of(january.toString(), february.toString()),
                                        "batch_id VARCHAR, line BIGINT, period DATE, amount DECIMAL(14,2),"
                                                + " education_cost DECIMAL(14,2)",
                                        true),
                                new MonitoringJob.Table(
                                        "feed_none", List.of(), "batch_id VARCHAR, line BIGINT", false)),
                        List.of(new MonitoringJob.Step(
                                "sums",
                                "SELECT period, SUM(amount) AS amount, COUNT(education_cost) AS with_cost,"
                                        + " (SELECT COUNT(*) FROM feed_none) AS none FROM feed_x GROUP BY period"
                                        + " ORDER BY period",
                                out.toString())),
                        dir.resolve("result.json").toString()));
        assertThat(r.rows()).containsExactly(2L);
        assertThat(Files.isRegularFile(out)).isTrue(); // one file where the platform reads it, not a directory
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(0).toString()).isEqualTo("2026-01-01");
        assertThat(rows.get(0).getDecimal(1)).isEqualByComparingTo("100");
        assertThat(rows.get(0).getLong(2)).isZero(); // the older file lacks the column: null
        assertThat(rows.get(1).get(0).toString()).isEqualTo("2026-02-01");
        assertThat(rows.get(1).getLong(2)).isEqualTo(1);
        assertThat(rows.get(1).getLong(3)).isZero();
    }

    /** One Parquet file of a query's rows in {@code sub}, its path. */
    private Path write(String sql, String sub) throws IOException {
        Path tmp = dir.resolve("tmp-" + sub.replace('/', '-'));
        spark.sql(sql).repartition(1).write().parquet(tmp.toString());
        Path target = Files.createDirectories(dir.resolve(sub)).resolve("batch.parquet");
        try (Stream<Path> files = Files.list(tmp)) {
            Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")
                            && p.getFileName().toString().endsWith(".parquet"))
                    .findFirst()
                    .orElseThrow();
            Files.move(part, target);
        }
        return target;
    }
}
