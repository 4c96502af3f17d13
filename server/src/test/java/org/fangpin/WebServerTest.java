package org.fangpin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on a real port (Tomcat included, so that what a browser or an HTTP client meets is tested), with
 * an embedded PostgreSQL in a throw-away directory; one context shared by every test class that uses it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AsSystemInTests.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "fangpin.embedded-db.data-dir=${java.io.tmpdir}/fangpin-web-${random.uuid}/pg",
            "fangpin.crypto.key-file=${java.io.tmpdir}/fangpin-web-keys/fangpin.keys",
            "fangpin.embedded-db.clean-on-exit=true",
            "fangpin.embedded-db.shared-buffers=128MB",
            // a throw-away database: durability relaxed explicitly (serve never does)
            "fangpin.embedded-db.durable=false",
            "fangpin.import.work-dir=${java.io.tmpdir}/fangpin-web-imports",
            "fangpin.lake.dir=${java.io.tmpdir}/fangpin-web-lake",
            "fangpin.reporting.export-dir=${java.io.tmpdir}/fangpin-web-exports",
            // progress reported every few rows, so that the small exports of tests report it too
            "fangpin.reporting.export-progress-rows=7",
            "fangpin.audit.anchor-file=${java.io.tmpdir}/fangpin-web-anchors-${random.uuid}.log",
            // anchored by the tests that check anchors, not by a timer in the middle of another test
            "fangpin.audit.anchor-interval=24h",
            "fangpin.demo.on-empty-start=false",
            "fangpin.security.admin-password=" + IntegrationTest.ADMIN_PASSWORD
        })
public @interface WebServerTest {}
