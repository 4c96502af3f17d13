package org.fangpin.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.fangpin.common.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine reads files of an earlier schema version beside later ones: a column added later reads as null. */
class DuckDbEngineTest {

    @TempDir
    Path dir;

    @Test
    void aColumnAddedByALaterSchemaVersionReadsAsNullInOlderFiles() throws Exception {
        Path v1 = dir.resolve("v1.parquet");
        Path v2 = dir.resolve("v2.parquet");
        try (var c = DriverManager.getConnection("jdbc:duckdb:");
                var st = c.createStatement()) {
            st.execute("copy (select 'b1' as batch_id, 1::bigint as line, 100.00::decimal(18, 2) as amount) to '" + v1
                    + "' (format parquet)");
            st.execute("copy (select 'b2' as batch_id, 1::bigint as line, 200.00::decimal(18, 2) as amount,"
                    + " 50.00::decimal(18, 2) as education_cost) to '" + v2 + "' (format parquet)");
        }
        String columns = "batch_id VARCHAR, line BIGINT, amount DECIMAL(18,2), education_cost DECIMAL(18,2)";
        DuckDbEngine engine = new DuckDbEngine(new Lake(dir.resolve("lake"), "1GB", 1));
        Path out = dir.resolve("out.parquet");
        Path outOld = dir.resolve("out-old.parquet");
        engine.execute(new MonitoringEngine.Plan(
                List.of(
                        new MonitoringEngine.Table("all_files", List.of(v1, v2), columns, false),
                        new MonitoringEngine.Table("old_only", List.of(v1), columns, false)),
                List.of(
                        new MonitoringEngine.Step(
                                "sums",
                                "select count(*) as n, sum(amount) as amount, sum(education_cost) as cost,"
                                        + " count(education_cost) as with_cost from all_files",
                                out),
                        new MonitoringEngine.Step(
                                "old", "select count(*) as n, sum(education_cost) as cost from old_only", outOld))));
        try (var c = DriverManager.getConnection("jdbc:duckdb:");
                var st = c.createStatement();
                var rs = st.executeQuery("select n, amount, cost, with_cost from '" + out + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("n")).isEqualTo(2);
            assertThat(rs.getBigDecimal("amount")).isEqualByComparingTo("300");
            assertThat(rs.getBigDecimal("cost")).isEqualByComparingTo("50");
            assertThat(rs.getLong("with_cost")).isEqualTo(1);
        }
        // only files without the column: the query still binds, and the column is empty
        try (var c = DriverManager.getConnection("jdbc:duckdb:");
                var st = c.createStatement();
                var rs = st.executeQuery("select n, cost from '" + outOld + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("n")).isEqualTo(1);
            assertThat(rs.getObject("cost")).isNull();
        }
        assertThat(Files.exists(out)).isTrue();
    }
}
