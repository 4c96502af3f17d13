package org.fangpin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A full application against a real embedded PostgreSQL in a throw-away directory (one per test JVM, shared by all
 * test classes through Spring's context cache). Demo data is off; each test prepares what it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AsSystemInTests.class)
@SpringBootTest(
        properties = {
            "fangpin.embedded-db.data-dir=${java.io.tmpdir}/fangpin-test-${random.uuid}/pg",
            "fangpin.embedded-db.clean-on-exit=true",
            "fangpin.embedded-db.shared-buffers=128MB",
            // a throw-away database: durability relaxed explicitly (serve never does)
            "fangpin.embedded-db.durable=false",
            "fangpin.import.work-dir=${java.io.tmpdir}/fangpin-test-imports",
            "fangpin.lake.dir=${java.io.tmpdir}/fangpin-test-lake-${random.uuid}",
            "fangpin.reporting.export-dir=${java.io.tmpdir}/fangpin-test-exports",
            // progress reported every few rows, so that the small exports of tests report it too
            "fangpin.reporting.export-progress-rows=7",
            "fangpin.demo.on-empty-start=false",
            "fangpin.monitoring.schedule=-",
            "fangpin.feeds.drop-dir=${java.io.tmpdir}/fangpin-test-drop-${random.uuid}",
            "fangpin.feeds.drop-interval=1h",
            "fangpin.audit.anchor-file=${java.io.tmpdir}/fangpin-test-anchors-${random.uuid}.log",
            // anchored by the tests that check anchors, not by a timer in the middle of another test
            "fangpin.audit.anchor-interval=24h",
            "fangpin.security.admin-password=" + IntegrationTest.ADMIN_PASSWORD,
            // keys from the configuration (the key file is exercised by CliIT and WebPagesIT)
            "fangpin.crypto.keys.t1=" + IntegrationTest.TEST_KEY,
            "fangpin.crypto.active-key=t1",
            "fangpin.crypto.lookup-key=" + IntegrationTest.TEST_LOOKUP_KEY
        })
@AutoConfigureMockMvc
@Import(IntegrationTest.AuthenticatedMockMvc.class)
public @interface IntegrationTest {

    String ADMIN_PASSWORD = "test-Admin-pw-1";

    /** Field-encryption keys of the tests only. */
    String TEST_KEY = "3PYq8K6QFxsK6EGsfHp+WY8IZyowpXojk5J/yYl1384=";

    String TEST_LOOKUP_KEY = "bR2CFokaf7Vakeh8ocTXwXzHicLBcfRU3QeYEQwRMiU=";

    /** The default test user: the county office of the test county (TestData.COUNTY). */
    String COUNTY_USER = "county";

    String COUNTY_PASSWORD = "test-County-pw-1";

    /** MockMvc requests authenticate as the county user with HTTP Basic, like an API client of the county. */
    @TestConfiguration
    class AuthenticatedMockMvc {
        @Bean
        MockMvcBuilderCustomizer basicAuthAsCounty() {
            return builder -> builder.defaultRequest(
                    MockMvcRequestBuilders.get("/").with(httpBasic(COUNTY_USER, COUNTY_PASSWORD)));
        }

        @Bean
        ApplicationRunner countyUser(JdbcClient jdbc, PasswordEncoder encoder) {
            return args -> jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                            + " values (?, ?, '县级测试用户', 'COUNTY', ?) on conflict (username) do nothing")
                    .params(COUNTY_USER, encoder.encode(COUNTY_PASSWORD), "421122000000")
                    .update();
        }
    }
}
