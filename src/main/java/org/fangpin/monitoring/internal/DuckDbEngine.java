package org.fangpin.monitoring.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fangpin.common.lake.Lake;
import org.fangpin.monitoring.MonitoringEngine;
import org.springframework.stereotype.Component;

/** The one-machine engine: an in-process DuckDB reading the lake's Parquet files directly. */
@Component
class DuckDbEngine implements MonitoringEngine {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DuckDbEngine.class);

    private final Lake lake;

    DuckDbEngine(Lake lake) {
        this.lake = lake;
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public Result execute(Plan plan) {
        long start = System.nanoTime();
        List<Long> rows = new ArrayList<>();
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement()) {
            for (Table t : plan.tables()) {
                st.execute("create view " + t.name() + " as " + source(t));
            }
            for (Step s : plan.steps()) {
                long t = System.nanoTime();
                Files.createDirectories(s.output().getParent());
                Path tmp = s.output().resolveSibling("." + s.output().getFileName() + ".tmp");
                String copy = "copy (" + s.sql() + ") to " + Lake.literal(tmp) + " (format parquet, compression zstd)";
                if (st.execute(copy)) {
                    try (var rs = st.getResultSet()) {
                        rows.add(rs.next() ? rs.getLong(1) : -1L);
                    }
                } else {
                    rows.add((long) st.getUpdateCount());
                }
                Files.move(tmp, s.output(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                st.execute(
                        "create view " + s.name() + " as select * from read_parquet(" + Lake.literal(s.output()) + ")");
                log.debug(
                        "step {}: {} rows in {} ms",
                        s.name(),
                        rows.get(rows.size() - 1),
                        (System.nanoTime() - t) / 1_000_000);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("monitoring engine failed: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Result(rows, (System.nanoTime() - start) / 1_000_000);
    }

    private static String source(Table t) {
        String empty = empty(t);
        if (t.files().isEmpty()) {
            return empty;
        }
        String files = t.files().stream().map(Lake::literal).collect(Collectors.joining(", ", "[", "]"));
        // files of an earlier schema version lack the columns a later one added: by name, they read as null
        if (t.periodColumn()) {
            return "select * exclude (period), cast(period || '-01' as date) as period from read_parquet(" + files
                    + ", hive_partitioning = true, hive_types = {'period': VARCHAR}, union_by_name = true)"
                    + " union all by name " + empty;
        }
        return "select * from read_parquet(" + files + ", hive_partitioning = false, union_by_name = true)"
                + " union all by name " + empty;
    }

    /** No rows, every column of the table's schema with its type. */
    private static String empty(Table t) {
        StringBuilder b = new StringBuilder("select ");
        String[] defs = t.columns().split(",\\s*(?![0-9])");
        for (int i = 0; i < defs.length; i++) {
            String[] nt = defs[i].strip().split(" ", 2);
            b.append(i > 0 ? ", " : "")
                    .append("cast(null as ")
                    .append(nt[1])
                    .append(") as ")
                    .append(nt[0]);
        }
        return b.append(" where false").toString();
    }
}
