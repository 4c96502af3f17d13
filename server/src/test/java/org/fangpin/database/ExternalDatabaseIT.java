package org.fangpin.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.fangpin.FangpinApplication;
import org.fangpin.IntegrationTest;
import org.fangpin.database.internal.EmbeddedPostgresServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code spring.datasource.url} set, the application uses that server and starts no embedded one: here a
 * separately started PostgreSQL stands in for the external server, and its own tables prove where Flyway ran.
 */
class ExternalDatabaseIT {

    @Test
    void usesTheConfiguredServerInsteadOfStartingOne() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start();
                ConfigurableApplicationContext ctx = new SpringApplicationBuilder(FangpinApplication.class)
                        .web(WebApplicationType.NONE)
                        .properties(Map.of(
                                "spring.datasource.url",
                                external.getJdbcUrl("postgres", "postgres"),
                                "spring.datasource.username",
                                "postgres",
                                "spring.datasource.password",
                                "postgres",
                                "fangpin.demo.on-empty-start",
                                "false",
                                "fangpin.security.admin-password",
                                "ext-Admin-pw-1",
                                "fangpin.crypto.keys.t1",
                                IntegrationTest.TEST_KEY,
                                "fangpin.crypto.active-key",
                                "t1",
                                "fangpin.crypto.lookup-key",
                                IntegrationTest.TEST_LOOKUP_KEY))
                        .run(temporaryFiles())) {
            assertThat(ctx.getBeansOfType(EmbeddedPostgresServer.class)).isEmpty();
            try (Connection c = external.getPostgresDatabase().getConnection();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("select count(*) from app_user where username = 'admin'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    /**
     * Every directory the application writes (lake, uploads, anchors, drop folder) in a temporary one; as
     * arguments, which win over application.yml (default properties would not).
     */
    private static String[] temporaryFiles() throws IOException {
        Path tmp = Files.createTempDirectory("fangpin-ext-");
        return new String[] {
            "--fangpin.lake.dir=" + tmp.resolve("lake"),
            "--fangpin.import.work-dir=" + tmp.resolve("imports"),
            "--fangpin.audit.anchor-file=" + tmp.resolve("audit-anchors.log"),
            "--fangpin.feeds.drop-dir=" + tmp.resolve("drop")
        };
    }
}
