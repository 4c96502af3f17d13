package org.fangpin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

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
            "fangpin.demo.on-empty-start=false"
        })
@AutoConfigureMockMvc
public @interface IntegrationTest {}
