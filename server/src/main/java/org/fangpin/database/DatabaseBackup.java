package org.fangpin.database;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * 备份与恢复: a consistent copy of the whole database — every table through {@code COPY}, read in one
 * repeatable-read transaction, so that all tables show the same moment — with the schema version, which key ids
 * sealed the data (never the keys), and the lake's files (feed batches, evidence, run results), in one zip. A restore
 * needs an empty database: the schema is built up to the backup's version, every table loaded as it was (triggers
 * and foreign keys are not re-run, so the audit chain keeps its own hashes), the sequences moved past the loaded
 * ids, and the schema then migrated to this release. The embedded binaries have no {@code pg_dump}; this format needs
 * none and is readable by any PostgreSQL of the same or a later major version.
 */
public final class DatabaseBackup {

    static final String FORMAT = "fangpin-backup/1";
    private static final String MANIFEST = "manifest.json";
    private static final String TABLES = "tables/";
    private static final String LAKE = "lake/";
    private static final String FLYWAY_HISTORY = "flyway_schema_history";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DatabaseBackup() {}

    /** One table's rows: the columns copied (stored generated columns are recomputed) and how many. */
    public record Table(String name, List<String> columns, long rows) {}

    /**
     * What a backup holds.
     *
     * @param schemaVersion the last migration applied when it was taken
     * @param sealedWith the ids of the field-encryption keys the data is sealed with: the same keys must be
     *     configured where it is restored
     */
    public record Manifest(
            String format,
            Instant takenAt,
            String schemaVersion,
            String server,
            List<Table> tables,
            List<String> sealedWith,
            long lakeFiles) {

        public long rows(String table) {
            return tables.stream()
                    .filter(t -> t.name().equals(table))
                    .mapToLong(Table::rows)
                    .sum();
        }
    }

    public static Manifest write(DataSource dataSource, Path lakeDir, Path out) throws IOException, SQLException {
        Path tmp = out.toAbsolutePath().resolveSibling(out.getFileName() + ".partial");
        Manifest manifest;
        try (Connection c = dataSource.getConnection();
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            String version = schemaVersion(c);
            List<Table> tables = new ArrayList<>();
            for (String table : tables(c)) {
                List<String> columns = columns(c, table);
                zip.putNextEntry(new ZipEntry(TABLES + table + ".copy"));
                long rows = copy.copyOut(
                        "COPY " + quote(table) + " (" + String.join(", ", columns) + ") TO STDOUT", new KeepOpen(zip));
                zip.closeEntry();
                tables.add(new Table(table, columns, rows));
            }
            List<String> keys = sealedWith(c);
            String server = c.getMetaData().getDatabaseProductVersion();
            c.commit();
            // files after the snapshot: every batch or attachment the tables name was written before its row
            long files = 0;
            if (Files.isDirectory(lakeDir)) {
                List<Path> all;
                try (Stream<Path> walk = Files.walk(lakeDir)) {
                    all = walk.filter(Files::isRegularFile)
                            .filter(p -> !lakeDir.relativize(p).startsWith("tmp"))
                            .sorted()
                            .toList();
                }
                for (Path p : all) {
                    zip.putNextEntry(
                            new ZipEntry(LAKE + lakeDir.relativize(p).toString().replace('\\', '/')));
                    Files.copy(p, zip);
                    zip.closeEntry();
                    files++;
                }
            }
            manifest = new Manifest(FORMAT, Instant.now(), version, server, tables, keys, files);
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.write(JSON.writeValueAsBytes(manifest));
            zip.closeEntry();
        } catch (IOException | SQLException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    public static Manifest read(Path backup) throws IOException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            return manifest(zip);
        }
    }

    /**
     * Refuses a database or lake directory that already holds data: a backup is restored only into new ones.
     *
     * @throws IllegalStateException saying which
     */
    public static void requireEmpty(DataSource dataSource, Path lakeDir) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tables(c).isEmpty() || hasTable(c, FLYWAY_HISTORY)) {
                throw new IllegalStateException("The database is not empty: a backup is restored only into a new"
                        + " data directory (--fangpin.embedded-db.data-dir=…) or an empty database.");
            }
        }
        if (Files.isDirectory(lakeDir)) {
            try (Stream<Path> files = Files.list(lakeDir)) {
                if (files.findAny().isPresent()) {
                    throw new IllegalStateException("The lake directory " + lakeDir.toAbsolutePath()
                            + " is not empty: restore into a new one (--fangpin.lake.dir=…).");
                }
            }
        }
    }

    /**
     * Replaces every table's rows with the backup's, in one transaction, and writes the lake's files. The schema
     * must be at the backup's version ({@link Manifest#schemaVersion()}); migrate it to this release afterwards.
     */
    public static Manifest load(DataSource dataSource, Path lakeDir, Path backup) throws IOException, SQLException {
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            Manifest m = manifest(zip);
            try (Connection c = dataSource.getConnection();
                    Statement st = c.createStatement()) {
                String version = schemaVersion(c);
                if (!version.equals(m.schemaVersion())) {
                    throw new IllegalStateException(
                            "The schema is at version " + version + ", the backup at " + m.schemaVersion());
                }
                c.setAutoCommit(false);
                // rows exactly as they were: no trigger recomputes them, no foreign key is checked row by row
                st.execute("set local session_replication_role = replica");
                // what the migrations seeded (catalogues, defaults) and the start-up wrote is in the backup as it was
                st.execute("truncate "
                        + String.join(
                                ", ",
                                m.tables().stream().map(t -> quote(t.name())).toList()));
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Table t : m.tables()) {
                    ZipEntry entry = zip.getEntry(TABLES + t.name() + ".copy");
                    if (entry == null) {
                        throw new IllegalStateException("The backup lacks table " + t.name());
                    }
                    try (InputStream in = zip.getInputStream(entry)) {
                        long rows = copy.copyIn(
                                "COPY " + quote(t.name()) + " (" + String.join(", ", t.columns()) + ") FROM STDIN", in);
                        if (rows != t.rows()) {
                            throw new IllegalStateException(
                                    "Table " + t.name() + ": " + rows + " rows read, " + t.rows() + " backed up");
                        }
                    }
                }
                advanceSequences(c);
                c.commit();
            }
            extractLake(zip, lakeDir);
            return m;
        }
    }

    private static Manifest manifest(ZipFile zip) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new IllegalStateException("Not a Fangpin backup (no " + MANIFEST + ")");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            Manifest m = JSON.readValue(in, Manifest.class);
            if (!FORMAT.equals(m.format())) {
                throw new IllegalStateException(
                        "Unknown backup format " + m.format() + " (this release reads " + FORMAT + ")");
            }
            return m;
        }
    }

    private static void extractLake(ZipFile zip, Path lakeDir) throws IOException {
        Path root = lakeDir.toAbsolutePath().normalize();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (!e.getName().startsWith(LAKE) || e.isDirectory()) {
                continue;
            }
            Path target = root.resolve(e.getName().substring(LAKE.length())).normalize();
            if (!target.startsWith(root)) {
                throw new IllegalStateException("The backup names a file outside the lake: " + e.getName());
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, target);
            }
        }
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select version from " + FLYWAY_HISTORY
                        + " where success and version is not null order by installed_rank desc limit 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("The database has no schema to back up");
            }
            return rs.getString(1);
        }
    }

    /** The application's tables (not Flyway's history: the restore rebuilds it). */
    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select c.relname from pg_class c"
                        + " where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')"
                        + " and not c.relispartition and c.relname <> '" + FLYWAY_HISTORY + "' order by 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select to_regclass('" + name + "') is not null")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var ps = c.prepareStatement("select quote_ident(attname) from pg_attribute where attrelid = ?::regclass"
                + " and attnum > 0 and not attisdropped and attgenerated = '' order by attnum")) {
            ps.setString(1, quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static List<String> sealedWith(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!hasTable(c, "crypto_key")) {
            return out;
        }
        try (Statement st = c.createStatement();
                ResultSet rs =
                        st.executeQuery("select key_id from crypto_key where retired_at is null order by key_id")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Identity and serial columns continue after the largest loaded value. */
    private static void advanceSequences(Connection c) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select quote_ident(t.relname), quote_ident(a.attname),"
                        + " pg_get_serial_sequence(quote_ident(t.relname), a.attname)"
                        + " from pg_class t join pg_attribute a on a.attrelid = t.oid"
                        + " where t.relnamespace = current_schema()::regnamespace and t.relkind in ('r', 'p')"
                        + " and a.attnum > 0 and not a.attisdropped"
                        + " and pg_get_serial_sequence(quote_ident(t.relname), a.attname) is not null")) {
            while (rs.next()) {
                owned.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        try (Statement st = c.createStatement()) {
            for (String[] o : owned) {
                st.execute("select setval('" + o[2] + "', coalesce((select max(" + o[1] + ") from " + o[0]
                        + "), 0) + 1, false)");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The zip stays open between entries while COPY writes one. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
