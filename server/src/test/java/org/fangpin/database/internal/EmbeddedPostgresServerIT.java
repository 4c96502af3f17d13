package org.fangpin.database.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database as {@code serve} starts it: durable, password-protected, recovering from a killed owner. */
class EmbeddedPostgresServerIT {

    @TempDir
    Path tmp;

    private static EmbeddedDatabaseProperties defaults(Path dir) {
        return new EmbeddedDatabaseProperties(dir, 0, false, "128MB", true);
    }

    @Test
    void isDurableAndRequiresThePasswordOverLoopbackOnly() throws Exception {
        Path dir = tmp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults(dir))) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                    Statement st = c.createStatement()) {
                assertThat(setting(st, "fsync")).isEqualTo("on");
                assertThat(setting(st, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(st, "full_page_writes")).isEqualTo("on");
                assertThat(setting(st, "listen_addresses")).isEqualTo("localhost");
                assertThat(setting(st, "unix_socket_directories")).isEmpty();
                try (ResultSet rs = st.executeQuery("select distinct auth_method from pg_hba_file_rules")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("scram-sha-256");
                    assertThat(rs.next()).isFalse();
                }
                try (ResultSet rs = st.executeQuery(
                        "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid where rolname = 'postgres'")) {
                    rs.next();
                    assertThat(rs.getBoolean(1)).isTrue();
                }
            }
            assertRefused(server.jdbcUrl(), null);
            assertRefused(server.jdbcUrl(), "postgres");
            Path passwordFile = dir.resolve(EmbeddedPostgresServer.PASSWORD_FILE);
            assertThat(Files.getPosixFilePermissions(passwordFile))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            assertThat(Files.readString(passwordFile)).isEqualTo(server.password());
            assertThat(Files.list(tmp).map(p -> p.getFileName().toString()))
                    .as("initdb's password file is gone")
                    .containsExactly("pg");
        }
        // a second start reads the kept password
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(defaults(dir));
                Connection c = DriverManager.getConnection(again.jdbcUrl(), "postgres", again.password())) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void onlyAnExplicitSettingRelaxesDurability() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(
                        new EmbeddedDatabaseProperties(tmp.resolve("pg"), 0, true, "128MB", false));
                Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                Statement st = c.createStatement()) {
            assertThat(setting(st, "fsync")).isEqualTo("off");
            assertThat(setting(st, "synchronous_commit")).isEqualTo("off");
        }
    }

    @Test
    void aDirectoryCreatedWithTrustGetsAPassword() throws Exception {
        Path dir = tmp.resolve("pg");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .start()) {
            try (Connection c = old.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement()) {
                st.execute("create table kept (x int); insert into kept values (42)");
            }
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults(dir))) {
            assertRefused(server.jdbcUrl(), null);
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select x from kept")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    /** A process killed while its server runs: the next start stops the leftover server and starts its own. */
    @Test
    void aServerLeftByAKilledProcessIsStoppedAtTheNextStart() throws Exception {
        Path dir = tmp.resolve("pg");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KilledOwner.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        long leftover;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String ready = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    ready = line;
                }
            }
            assertThat(ready).as("the child started its server").isNotNull();
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> pidFile = Files.readAllLines(dir.resolve("postmaster.pid"));
        leftover = Long.parseLong(pidFile.get(0).trim());
        assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                .as("the killed process left its server running")
                .contains(true);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults(dir));
                Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from written_before_the_kill")) {
            rs.next();
            assertThat(rs.getInt(1)).as("committed before the kill").isEqualTo(1);
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        }
    }

    @Test
    void aDirectoryInUseByALivingProcessIsRefusedWithWhatToDo() throws Exception {
        Path dir = tmp.resolve("pg");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults(dir))) {
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(defaults(dir)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running Fangpin process")
                    .hasMessageContaining("--fangpin.embedded-db.data-dir");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password())) {
                assertThat(c.isValid(5)).as("the running server was left alone").isTrue();
            }
        }
    }

    /** Starts the server, commits a row, then dies without running shutdown hooks, like {@code kill -9}. */
    public static final class KilledOwner {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(defaults(Path.of(args[0])));
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), "postgres", server.password());
                    Statement st = c.createStatement()) {
                st.execute(
                        "create table written_before_the_kill (x int); insert into written_before_the_kill values (1)");
            }
            System.out.println("READY " + server.port());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private static String setting(Statement st, String name) throws SQLException {
        try (ResultSet rs = st.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(() -> {
                    try (Connection c = DriverManager.getConnection(url, "postgres", password)) {
                        c.isValid(1);
                    }
                })
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
    }
}
