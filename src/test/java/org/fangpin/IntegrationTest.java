package org.fangpin;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A full application against a real embedded PostgreSQL in a throw-away directory (one per test JVM, shared by all
 * test classes through Spring's context cache). Demo data is off; each test prepares what it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        properties = {
            "fangpin.embedded-db.data-dir=${java.io.tmpdir}/fangpin-test-${random.uuid}/pg",
            "fangpin.embedded-db.clean-on-exit=true",
            "fangpin.embedded-db.shared-buffers=128MB",
            "fangpin.import.work-dir=${java.io.tmpdir}/fangpin-test-imports",
            "fangpin.demo.on-empty-start=false",
            "fangpin.security.admin-password=" + IntegrationTest.ADMIN_PASSWORD
        })
@AutoConfigureMockMvc
@Import(IntegrationTest.AuthenticatedMockMvc.class)
public @interface IntegrationTest {

    String ADMIN_PASSWORD = "test-Admin-pw-1";

    /** MockMvc requests authenticate as the bootstrap administrator with HTTP Basic, like an API client. */
    @TestConfiguration
    class AuthenticatedMockMvc {
        @Bean
        MockMvcBuilderCustomizer basicAuthAsAdmin() {
            return builder ->
                    builder.defaultRequest(MockMvcRequestBuilders.get("/").with(httpBasic("admin", ADMIN_PASSWORD)));
        }
    }
}
