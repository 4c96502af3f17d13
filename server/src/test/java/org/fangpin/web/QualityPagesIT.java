package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.fangpin.Chromium;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.fangpin.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * 数据质量 in a browser: the province runs the checks on the demo's data from the page, the counts per check and the
 * villages' scores appear with the worklist; a village cadre, on a phone, explains one of its issues and sees it
 * answered.
 */
@WebServerTest
class QualityPagesIT {

    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String PW = "Quality-pass-2026";

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

    private Page as(String user, String role, String region, int width) {
        TestData.user(jdbc, encoder, user, role, region, PW, false);
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, 900)
                        .setLocale("zh-CN"))
                .newPage();
        page.navigate("http://localhost:" + port + "/login");
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PW);
        page.click("button[type=submit]");
        page.waitForURL("**/");
        return page;
    }

    @Test
    void theProvinceRunsTheChecksAndAVillageAnswers() {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        Page province = as("web-q-prov", "PROVINCE", TestData.PROVINCE, 1366);
        province.click("nav a[href='/quality']");
        province.click("form[action$='/quality/runs'] button.primary");
        province.waitForSelector(".alert.ok");
        long open = jdbc.sql("select count(*) from quality_issue where state = 'OPEN'")
                .query(Long.class)
                .single();
        assertThat(open).as("the demo's data hold issues to find").isPositive();
        assertThat(province.textContent("table#checks")).contains("危房登记为安全", "挂名式帮扶");
        assertThat(province.locator("table#villages tbody tr").count()).isPositive();
        assertThat(province.textContent("main")).doesNotContain("WAGE_MISMATCH", "LAKE", "DATABASE", "feed_");
        province.waitForSelector(".chart canvas, .chart svg");
        province.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("quality.png"))
                .setFullPage(true));

        // a village with an open issue answers it on a phone
        Map<String, Object> issue = jdbc.sql(
                        "select id, village_code from quality_issue where state = 'OPEN'" + " order by id limit 1")
                .query()
                .singleRow();
        long id = ((Number) issue.get("id")).longValue();
        Page village = as("web-q-village", "VILLAGE", (String) issue.get("village_code"), 390);
        // its home page says what waits, and leads to the open ones
        assertThat(village.textContent("#quality-work")).contains("待处理的数据质量问题");
        village.click("#quality-work a.count");
        village.waitForURL("**/quality?state=OPEN");
        village.waitForSelector("tr#q" + id + " form");
        village.selectOption("tr#q" + id + " select[name=state]", "EXPLAINED");
        village.fill("tr#q" + id + " input[name=note]", "已入户核实，情况属实，已补充说明");
        village.click("tr#q" + id + " button");
        village.waitForSelector(".alert.ok");
        assertThat(village.textContent("tr#q" + id)).contains("已说明", "已入户核实");
        assertThat(jdbc.sql("select state from quality_issue where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPLAINED");
        assertThat((Integer) village.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        village.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("quality-phone.png"))
                .setFullPage(true));
    }
}
