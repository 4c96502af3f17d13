package org.fangpin.monitoring.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.fangpin.common.lake.Lake;
import org.fangpin.monitoring.LakeReader;
import org.springframework.stereotype.Component;

/** {@link LakeReader} on DuckDB, with the views a monitoring run has ({@link RunTables}). */
@Component
class DuckDbLakeReader implements LakeReader {

    private final Lake lake;
    private final RunTables tables;

    DuckDbLakeReader(Lake lake, RunTables tables) {
        this.lake = lake;
        this.tables = tables;
    }

    @Override
    public long read(Instant cutoff, String sql, Rows rows) {
        long start = System.nanoTime();
        tables.snapshot().refresh();
        tables.snapshot().read().lock();
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement()) {
            for (MonitoringEngine.Table t : tables.of(cutoff)) {
                st.execute("create view " + t.name() + " as " + DuckDbEngine.source(t, st));
            }
            try (ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lake query failed: " + e.getMessage(), e);
        } finally {
            tables.snapshot().read().unlock();
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
