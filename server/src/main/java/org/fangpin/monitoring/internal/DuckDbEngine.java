package org.fangpin.monitoring.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fangpin.common.lake.Lake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The one-machine engine: an in-process DuckDB reading the lake's Parquet files directly. */
@Component
public class DuckDbEngine implements MonitoringEngine {

    private static final Logger log = LoggerFactory.getLogger(DuckDbEngine.class);

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
                st.execute("create view " + t.name() + " as " + source(t, st));
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
                Files.move(tmp, s.output(), StandardCopyOption.REPLACE_EXISTING);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(rows, (System.nanoTime() - start) / 1_000_000);
    }

    /** A table's view: its files read by name (a column some lack reads as null), or no rows with its columns. */
    static String source(Table t, Statement st) throws SQLException {
        if (t.files().isEmpty()) {
            return empty(t);
        }
        String files = t.files().stream().map(Lake::literal).collect(Collectors.joining(", ", "[", "]"));
        // files of an earlier schema version lack the columns a later one added: a column some files have reads as
        // null in the others (union_by_name); one no file has yet is added as null (from the footers only)
        Set<String> present = new HashSet<>();
        try (var rs = st.executeQuery("select distinct name from parquet_schema(" + files + ")")) {
            while (rs.next()) {
                present.add(rs.getString(1));
            }
        }
        StringBuilder missing = new StringBuilder();
        for (String[] nt : columns(t)) {
            if (!present.contains(nt[0]) && !(t.periodColumn() && nt[0].equals("period"))) {
                missing.append(", cast(null as ").append(nt[1]).append(") as ").append(nt[0]);
            }
        }
        if (t.periodColumn()) {
            return "select * exclude (period), cast(period || '-01' as date) as period" + missing
                    + " from read_parquet(" + files
                    + ", hive_partitioning = true, hive_types = {'period': VARCHAR}, union_by_name = true)";
        }
        return "select *" + missing + " from read_parquet(" + files + ", hive_partitioning = false, union_by_name ="
                + " true)";
    }

    /** The table's columns as name and type. */
    private static List<String[]> columns(Table t) {
        List<String[]> out = new ArrayList<>();
        for (String def : t.columns().split(",\\s*(?![0-9])")) {
            out.add(def.strip().split(" ", 2));
        }
        return out;
    }

    /** No rows, every column of the table's schema with its type. */
    private static String empty(Table t) {
        StringBuilder b = new StringBuilder("select ");
        List<String[]> cols = columns(t);
        for (int i = 0; i < cols.size(); i++) {
            b.append(i > 0 ? ", " : "")
                    .append("cast(null as ")
                    .append(cols.get(i)[1])
                    .append(") as ")
                    .append(cols.get(i)[0]);
        }
        return b.append(" where false").toString();
    }
}
