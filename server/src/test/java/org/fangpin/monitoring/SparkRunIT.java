package org.fangpin.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fangpin.IntegrationTest;
import org.fangpin.feed.FeedIntake;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A whole monitoring run with {@code fangpin.monitoring.engine=spark} (ADR 0031): the engine chosen by the setting,
 * the flagged households and then the sources of those getting a new alert computed by the Spark job in {@code
 * local[2]}, and the alerts written from its files are those the boundary cases call for, explained with their
 * sources — as on DuckDB ({@code MonitoringIT}).
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "fangpin.monitoring.engine=spark",
            "fangpin.monitoring.spark.master=local[2]",
            "fangpin.monitoring.spark.driver-memory=1g",
            "fangpin.monitoring.spark.classpath-file=${fangpin.spark.classpath-file:../spark-engine/target/spark-classpath.txt}",
            "fangpin.monitoring.spark.job-jar=${fangpin.spark.job-jar:../spark-engine/target/fangpin-spark-engine.jar}"
        })
class SparkRunIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    FeedIntake intake;

    @Autowired
    MonitoringRuns runs;

    @Autowired
    Alerts alerts;

    @TempDir
    Path dir;

    @Test
    void aRunOnSparkRaisesTheAlertsTheBoundaryCasesCallFor() {
        new BoundaryCases(jdbc, regions, households, intake, dir).load();
        MonitoringRuns.Run run = runs.run(BoundaryCases.AS_OF);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.engine()).isEqualTo("spark");
        Map<String, Alerts.Alert> byNo = alerts.list(Alerts.Query.all(500).withRun(run.id())).stream()
                .map(i -> alerts.get(i.id()))
                .collect(Collectors.toMap(Alerts.Alert::householdNo, a -> a));
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("INC-IN", List.of("INCOME_BELOW_LINE"));
        expected.put("EDGE-IN", List.of("EDGE_INCOME_DROP"));
        expected.put("MED-IN", List.of("MEDICAL_BURDEN"));
        expected.put("DEATH-IN", List.of("LABOUR_LOSS"));
        expected.put("DISAB-IN", List.of("LABOUR_LOSS"));
        expected.put("SCH-IN", List.of("SCHOOL_DROPOUT"));
        expected.put("HOUSE-IN", List.of("UNSAFE_HOUSING"));
        expected.put("WATER-IN", List.of("UNSAFE_WATER"));
        expected.put("INS-IN", List.of("UNINSURED"));
        expected.put("REGION-IN", List.of("REGION_DISASTER", "REGION_EPIDEMIC"));
        expected.put("BEN-IN", List.of("BENEFIT_STOPPED"));
        expected.put("MON", List.of("UNINSURED"));
        assertThat(byNo.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((no, rules) -> assertThat(byNo.get(no).rules()).as(no).containsExactlyElementsOf(rules));
        // the sources came back from the job's second step: the medical claims inside the window
        JsonNode source = ((JsonNode) byNo.get("MED-IN").explanation())
                .get("rules")
                .get(0)
                .get("sources")
                .get(0);
        assertThat(source.get("feed").asString()).isEqualTo("MEDICAL_CLAIM");
        assertThat(source.get("rows").asLong()).isEqualTo(2);
        assertThat(source.get("amount").decimalValue()).isEqualByComparingTo("10000.00");
    }
}
