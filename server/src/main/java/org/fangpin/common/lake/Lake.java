package org.fangpin.common.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The columnar side of the data: Parquet files under one directory (default {@code ./data/lake}) — the registry
 * snapshot and the department feeds — and in-process DuckDB connections to read and write them. Every batch engine
 * reads these files; PostgreSQL keeps only their metadata.
 */
@Component
public class Lake {

    private final Path root;
    private final String memoryLimit;
    private final int threads;

    public Lake(
            @Value("${fangpin.lake.dir:./data/lake}") Path root,
            @Value("${fangpin.lake.memory-limit:4GB}") String memoryLimit,
            @Value("${fangpin.lake.threads:0}") int threads) {
        this.root = root.toAbsolutePath().normalize();
        this.memoryLimit = memoryLimit;
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    public Path root() {
        return root;
    }

    /** A directory under the lake, created if missing. */
    public Path dir(String first, String... more) {
        Path p = root.resolve(Path.of(first, more)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("outside the lake: " + p);
        }
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh in-memory DuckDB, bounded in memory and threads, spilling to the lake's tmp directory. */
    public Connection duckdb() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:", new Properties());
            try (Statement st = c.createStatement()) {
                st.execute("set memory_limit = '" + memoryLimit.replace("'", "") + "'");
                st.execute("set threads = " + threads);
                st.execute("set temp_directory = " + literal(dir("tmp")));
                st.execute("set preserve_insertion_order = false");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** A path as a quoted SQL string literal (paths are ours, but quote them properly anyway). */
    public static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** Removes a file or directory tree, if present. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
