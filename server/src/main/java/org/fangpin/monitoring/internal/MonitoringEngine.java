package org.fangpin.monitoring.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * A batch engine that runs compiled monitoring SQL over the lake's Parquet files. The SQL is portable (standard
 * SQL that DuckDB and Spark SQL both accept); an engine's job is only to expose each input table under its name,
 * run the steps in order and write each step's result as Parquet. DuckDB is the one-machine engine; an Apache
 * Spark engine implements the same contract over the same files.
 */
public interface MonitoringEngine {

    /** The engine's name, recorded with each run. */
    String name();

    /** Runs the plan; a step's result is readable by later steps under its name. */
    Result execute(Plan plan);

    /**
     * An input table: the union of its Parquet files, with a hive-style {@code period=YYYY-MM} directory exposed as
     * a {@code period} DATE column when {@code periodColumn}; {@code columns} ("name TYPE, ...") declares it when
     * there are no files.
     */
    record Table(String name, List<Path> files, String columns, boolean periodColumn) {}

    /** One statement whose result is written to {@code output} and then known as {@code name}. */
    record Step(String name, String sql, Path output) {}

    record Plan(List<Table> tables, List<Step> steps) {}

    /** Rows written per step, in step order, and the time taken. */
    record Result(List<Long> rows, long millis) {}
}
