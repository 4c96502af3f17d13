package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.fangpin.Chromium;
import org.fangpin.TestData;
import org.fangpin.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What the page tests of a feature share: one Chromium for the class, a signed-in page for a user made here (of a role
 * and region, at a width and in a language), a form sent and its answer waited for, the demo county loaded once,
 * screenshots under {@code target/screenshots}.
 */
abstract class BrowserPageTest {

    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String PW = "Page-pass-2026";
    static final String COUNTY = "421122000000";

    static Chromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoLoader demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @BeforeAll
    static void startBrowser() throws Exception {
        Files.createDirectories(SHOTS);
        chromium = Chromium.start();
        browser = chromium.browser();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** The demo county, loaded unless a test of the same server loaded it before. */
    void demoCounty() {
        if (jdbc.sql("select count(*) from region where level = 5")
                        .query(Long.class)
                        .single()
                == 0) {
            demo.load(3000, 11);
        }
    }

    /** A page signed in as a user made (again) here. */
    Page as(String user, String role, String region, int width, String locale) {
        TestData.user(jdbc, encoder, user, role, region, PW, false);
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, 900)
                        .setLocale(locale))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PW);
        page.click("button[type=submit]");
        page.waitForURL("**/");
        return page;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Sends a form and waits for the page it lands on: with no error when {@code ok}, with one otherwise. */
    static void submit(Page page, String button, boolean ok) {
        page.evaluate("document.body.setAttribute('data-sent', '1')");
        page.click(button);
        page.waitForSelector("body:not([data-sent]) .alert.ok, body:not([data-sent]) .alert.error");
        assertThat(page.locator(".alert.error").count())
                .as(() -> page.locator(".alert.error").count() > 0 ? page.textContent(".alert.error") : "")
                .isEqualTo(ok ? 0 : 1);
    }

    static void shot(Page page, String name) {
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
    }
}
