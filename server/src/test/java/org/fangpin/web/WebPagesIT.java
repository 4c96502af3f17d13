package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.SelectOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.fangpin.Chromium;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.fangpin.demo.DemoLoader;
import org.fangpin.feed.FeedColumn;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The pages in real headless Chromium (Debian's, driven by Playwright): log in, read the dashboard, drill down,
 * search, open a household, switch to English. Screenshots go to target/screenshots for a person to look at.
 */
@WebServerTest
class WebPagesIT {

    static final Path SHOTS = Paths.get("target", "screenshots");

    static Chromium chromium;
    static Browser browser;

    @LocalServerPort
    int port;

    @Autowired
    DemoLoader demo;

    @Autowired
    JdbcClient jdbc;

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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page loggedIn() {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                        + " values ('hongan', ?, '红安县', 'COUNTY', '421122000000') on conflict do nothing")
                .param(encoder.encode("Hongan-pass-2026"))
                .update();
        page.navigate(url("/households"));
        assertThat(page.url()).endsWith("/login");
        page.fill("input[name=username]", "hongan");
        page.fill("input[name=password]", "Hongan-pass-2026");
        page.click("button[type=submit]");
        page.waitForURL("**/households?continue"); // the page asked for before login
        return page;
    }

    @Test
    void aDepartmentReadsItsListBackOnADesktopAndAPhone() {
        loggedIn().context().close(); // the demo county
        jdbc.sql("delete from app_user where username = 'web-yb'").update();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code, department)"
                        + " values ('web-yb', ?, '红安县医保局', 'DEPARTMENT', '421122000000', 'MEDICAL_SECURITY')")
                .param(encoder.encode("Web-yb-pass-2026"))
                .update();
        // the persons of the county its duty needs: everyone in a monitored household, and 低保 and 特困 persons
        long expected = jdbc.sql(
                        "select count(*) from person p join household h on h.household_id = p.household_id"
                                + " and h.valid_to is null and not h.deleted where p.valid_to is null and not p.deleted"
                                + " and h.village_code like '421122%' and (h.monitoring_state = 'MONITORED' or p.dibao or p.tekun)")
                .query(Long.class)
                .single();
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", "web-yb");
        page.fill("input[name=password]", "Web-yb-pass-2026");
        page.click("button[type=submit]");
        page.waitForURL("**/");
        // a department's menu: its lists and feeds, no household menus that would always be empty; its 待办 holds the
        // project applications of its sector to review
        assertThat(page.locator("header nav a[href$='/households']").count()).isZero();
        assertThat(page.locator("header nav a[href$='/alerts']").count()).isZero();
        assertThat(page.locator("header nav a[href$='/inbox']").count()).isEqualTo(1);
        page.click("nav >> text=部门名单");
        page.waitForURL("**/duty-lists/MEDICAL_INSURANCE");
        assertThat(page.textContent("main"))
                .contains("参保资助与倾斜支付名单", "医疗保障局", "低收入人口类别")
                .doesNotContain("MEDICAL_INSURANCE", "MONITORED", "??");
        int rows = page.locator("table.data tbody tr").count();
        assertThat(rows).isEqualTo((int) Math.min(100, expected));
        assertThat(page.locator("table.data tbody td.mono").first().textContent())
                .contains("*");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("duty-list.png"))
                .setFullPage(true));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("duty-list-phone.png")));
        // no household pages for a department: its lists are what it gets back
        assertThat(page.navigate(url("/api/v1/households?limit=1")).text()).contains("\"items\":[]");
        page.context().close();
    }

    @Test
    void wrongPasswordStaysOnTheLoginPageWithAMessage() {
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", "admin");
        page.fill("input[name=password]", "nope");
        page.click("button[type=submit]");
        page.waitForURL("**/login?error");
        assertThat(page.textContent(".alert.error")).contains("用户名或密码错误");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-error.png")));
    }

    /** A form left open until the session ended: sending it leads to the login page, which says what happened. */
    @Test
    void aFormSentAfterTheSessionEndedLeadsToLoginSayingSo() {
        Page page = loggedIn();
        page.navigate(url("/account/password"));
        page.context().clearCookies(); // the session ends (timeout, logout elsewhere) while the form is open
        page.fill("input[name=current]", "Hongan-pass-2026");
        page.fill("input[name=password]", "Another-pass-2027");
        page.fill("input[name=confirm]", "Another-pass-2027");
        page.click("button[type=submit]");
        page.waitForURL("**/login?expired");
        assertThat(page.textContent(".alert.error")).contains("会话已过期");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-expired.png")));
        Page phone = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(390, 844)
                        .setLocale("zh-CN"))
                .newPage();
        phone.navigate(url("/login?expired"));
        assertThat(phone.textContent(".alert.error")).contains("会话已过期");
        phone.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("login-expired-phone.png")));
        // the password was not changed by the refused form
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PASSWORD_CHANGED' and entity_id = 'hongan'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void errorPagesAreTheLayoutsOnADesktopAndAPhone() {
        Page page = loggedIn();
        var missing = page.navigate(url("/households/999999999"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(page.textContent("main")).contains("不存在").contains("返回首页");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("error-404.png")));
        var bad = page.navigate(url("/households/abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(page.textContent("main")).contains("参数有误");
        page.setViewportSize(390, 844);
        page.navigate(url("/households/999999999"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("error-404-phone.png")));
        // a household page as a role that may not see full ID numbers: the birth year, not the date
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                        + " values ('hubei', ?, '湖北省', 'PROVINCE', '420000000000') on conflict do nothing")
                .param(encoder.encode("Hubei-pass-2026"))
                .update();
        Page province = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        long id = jdbc.sql("select min(household_id) from household")
                .query(Long.class)
                .single();
        province.navigate(url("/households/" + id));
        province.fill("input[name=username]", "hubei");
        province.fill("input[name=password]", "Hubei-pass-2026");
        province.click("button[type=submit]");
        province.waitForSelector("ol.timeline");
        String members = province.textContent("table.data");
        assertThat(members).containsPattern("\\d{4}年").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}");
        province.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("household-province.png"))
                .setFullPage(true));
    }

    /** Current households of the demo county matching a condition. */
    private long count(String condition) {
        return jdbc.sql("select count(*) from household where valid_to is null and not deleted and village_code like"
                        + " '421122%' and " + condition)
                .query(Long.class)
                .single();
    }

    @Test
    void dashboardDrillDownSearchAndHouseholdDetail() {
        Page page = loggedIn();
        page.navigate(url("/"));
        // KPIs are the registry's counts, not placeholders
        long households = jdbc.sql("select count(*) from household where valid_to is null and not deleted")
                .query(Long.class)
                .single();
        assertThat(page.textContent(".kpi:nth-child(1) b").replace(",", "")).isEqualTo(String.valueOf(households));
        assertThat(page.textContent(".kpi:nth-child(2) b").replace(",", "")).isEqualTo("3000");
        // who the households are × their monitoring state: a 脱贫户 monitored is counted in both
        long exited = count("identity = 'EXITED'");
        long exitedMonitored = count("identity = 'EXITED' and monitoring_state = 'MONITORED'");
        assertThat(exitedMonitored).isPositive();
        assertThat(page.textContent(".kpi:nth-child(3) b").replace(",", "")).isEqualTo(String.valueOf(exited));
        assertThat(page.textContent(".kpi:nth-child(4) b").replace(",", ""))
                .isEqualTo(String.valueOf(count("monitoring_state = 'MONITORED'")));
        assertThat(page.textContent("#cross tbody tr:first-child td:nth-child(3)")
                        .replace(",", ""))
                .isEqualTo(String.valueOf(exitedMonitored));
        // the rural low-income population: members of monitored households, 低保 and 特困 persons
        String persons = "select count(*) from person p join household h on h.household_id = p.household_id"
                + " and h.valid_to is null and not h.deleted and h.village_code like '421122%'"
                + " where p.valid_to is null and not p.deleted and ";
        for (var row : List.of(
                Map.entry(1, "h.monitoring_state = 'MONITORED'"), Map.entry(2, "p.dibao"), Map.entry(3, "p.tekun"))) {
            long expected = jdbc.sql(persons + row.getValue()).query(Long.class).single();
            assertThat(page.textContent("#low-income tbody tr:nth-child(" + row.getKey() + ") td.n")
                            .replace(",", ""))
                    .as(row.getValue())
                    .isEqualTo(String.valueOf(expected));
        }
        page.waitForSelector(".chart canvas");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("dashboard.png"))
                .setFullPage(true));
        // the figure leads to the households behind it: each a 脱贫户 and a 监测对象
        page.click("#cross tbody tr:first-child td:nth-child(3) a");
        page.waitForSelector("table.data tbody tr");
        int listed = page.locator("table.data tbody tr:not(.more)").count();
        assertThat(listed).isEqualTo((int) Math.min(30, exitedMonitored));
        assertThat(page.locator("table.data tbody .tag.exited").count()).isEqualTo(listed);
        assertThat(page.locator("table.data tbody .tag.monitored").count()).isEqualTo(listed);
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("households-filtered-phone.png"))
                .setFullPage(true));
        page.setViewportSize(1280, 800);
        // a household's timeline says what changed in words, never in codes: a 一般农户 included and relocated
        long changed = jdbc.sql("select household_id from household where valid_to is null and not deleted"
                        + " and identity = 'ORDINARY' and monitoring_state = 'NONE' and village_code like '421122%'"
                        + " order by household_id desc limit 1")
                .query(Long.class)
                .single();
        var current = registry.household(changed).orElseThrow();
        var f = current.fields()
                .included(
                        MonitoringCategory.SUDDEN_HARDSHIP, List.of(RiskCause.DISASTER), LocalDate.now(TestData.ZONE));
        registry.updateHousehold(
                changed,
                current.version(),
                new HouseholdFields(
                        f.householdNo(),
                        f.villageCode(),
                        f.address(),
                        f.identity(),
                        List.of(IdentityFlag.RELOCATED),
                        f.exitYear(),
                        f.monitoringState(),
                        f.monitoringCategory(),
                        f.monitoringSince(),
                        f.riskCauses(),
                        null,
                        null,
                        f.housingGrade(),
                        Boolean.FALSE,
                        f.income(),
                        null),
                new Registry.Change("test", null, "测试：受灾纳入"));
        page.navigate(url("/households/" + changed));
        assertThat(page.textContent("ol.timeline")).contains("未纳入监测", "监测对象", "突发严重困难户", "易地扶贫搬迁户", "因灾");
        assertThat(page.textContent("ol.timeline"))
                .doesNotContainPattern(
                        "\\b(EXITED|ORDINARY|MONITORED|ELIMINATED|NONE|UNSTABLE|MARGINAL|true|false)\\b");
        page.navigate(url("/"));

        // a county user's dashboard starts at the county; the crumbs lead up to the province
        assertThat(page.textContent(".crumbs")).contains("湖北省").contains("红安县");
        page.waitForSelector(".chart canvas");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("county.png"))
                .setFullPage(true));

        // the county's first township's household list, then "load more" via htmx
        page.click("table.data tbody tr:first-child td:last-child a");
        page.waitForSelector("table.data tbody tr");
        int before = page.locator("table.data tbody tr:not(.more)").count();
        assertThat(before).isEqualTo(30);
        page.click("tr.more button");
        page.waitForFunction("() => document.querySelectorAll('table.data tbody tr:not(.more)').length > 30");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("households.png")));

        page.click("table.data tbody tr:first-child td:first-child a");
        page.waitForSelector("ol.timeline li");
        assertThat(page.textContent("table.data")).contains("户主");
        // ID numbers appear masked only
        assertThat(page.locator("table.data td.mono").first().textContent()).contains("********");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("household.png"))
                .setFullPage(true));

        // an unknown household: the error page with 404, not a stack trace or a 500
        var missing = page.navigate(url("/households/999999999"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(page.textContent("main")).contains("不存在");

        page.navigate(url("/?lang=en"));
        page.waitForSelector(".chart canvas");
        assertThat(page.textContent(".kpis")).contains("Households").contains("Monitored");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("dashboard-en.png")));
        page.navigate(url("/imports?lang=zh_CN"));
        assertThat(page.textContent("h2")).contains("批量导入");
    }

    @Test
    void statisticsDrillDownTwoLevelsAndShowAPastMonthOnADesktopAndAPhone() {
        Page page = loggedIn();
        page.navigate(url("/statistics?region=421122000000"));
        long monitored = count("monitoring_state = 'MONITORED'");
        assertThat(page.textContent(".kpi:nth-child(4) b").replace(",", "")).isEqualTo(String.valueOf(monitored));
        assertThat(page.content()).doesNotContain("statistics.", "??");
        page.waitForSelector(".chart canvas");
        page.waitForTimeout(1200); // the charts' entry animation
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("statistics.png"))
                .setFullPage(true));
        // drill down: county → township → village, each level's households adding up to the one above
        String township = page.getAttribute("#children tbody tr:first-child", "data-region");
        String townshipTotal = page.textContent("#children tbody tr:first-child td:nth-child(2)");
        page.click("#children tbody tr:first-child td:first-child a");
        page.waitForURL("**region=" + township + "**");
        assertThat(page.textContent(".kpi:nth-child(1) b")).isEqualTo(townshipTotal);
        String village = page.getAttribute("#children tbody tr:first-child", "data-region");
        page.click("#children tbody tr:first-child td:first-child a");
        page.waitForURL("**region=" + village + "**");
        assertThat(page.locator(".crumbs a").count()).isGreaterThanOrEqualTo(3);
        assertThat(page.textContent(".kpi:nth-child(1) b").replace(",", ""))
                .isEqualTo(String.valueOf(count("village_code = '" + village + "'")));
        // last month's end, by age group: a frozen snapshot, said so on the page
        LocalDate monthEnd = LocalDate.now(TestData.ZONE).withDayOfMonth(1).minusDays(1);
        page.navigate(url("/statistics?region=421122000000&by=AGE&asOf=" + monthEnd));
        assertThat(page.textContent(".source")).contains("快照 #");
        assertThat(page.textContent("#dimension")).contains("16-59岁");
        page.setViewportSize(390, 844);
        page.waitForTimeout(1200);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("statistics-phone.png"))
                .setFullPage(true));
        // a figure is a link to the households behind it: persons aged 16-59 that month end, in all states
        String persons = page.textContent("#dimension tr[data-key='16-59'] td:nth-child(5)");
        String households = page.textContent("#dimension tr[data-key='16-59'] td:nth-child(6)");
        page.click("#dimension tr[data-key='16-59'] td:nth-child(5) a");
        page.waitForURL("**/statistics/households?**");
        assertThat(page.textContent("#figure")).contains(monthEnd.toString(), "16-59岁");
        assertThat(page.textContent("#figure-total")).isEqualTo("共 " + households + " 户，" + persons + " 人");
        assertThat(page.locator("#figure-households tbody tr").count())
                .isEqualTo((int) Math.min(50, Long.parseLong(households.replace(",", ""))));
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("statistics-list-phone.png"))
                .setFullPage(true));
        if (Long.parseLong(households.replace(",", "")) > 50) {
            String first = page.textContent("#figure-households tbody tr:first-child td:nth-child(3)");
            page.click(".pager a[rel=next]");
            page.waitForURL("**page=2**");
            assertThat(page.textContent("#figure-total")).isEqualTo("共 " + households + " 户，" + persons + " 人");
            assertThat(page.textContent("#figure-households tbody tr:first-child td:nth-child(3)"))
                    .isNotEqualTo(first);
        }
        page.setViewportSize(1366, 900);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("statistics-list.png"))
                .setFullPage(false));
        // the work of the month and 动态清零, in English: every chart beside its table, no codes
        page.navigate(url("/statistics?region=421122000000&by=MEASURE&lang=en"));
        assertThat(page.textContent("#clearance")).contains("With assistance measures", "12 months or more");
        assertThat(page.textContent("#alert-activity")).contains("Raised", "Total");
        assertThat(page.content()).doesNotContain("statistics.", "??", "RAISED<", "NONE<");
        page.waitForTimeout(1200);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("statistics-en.png"))
                .setFullPage(true));
        page.navigate(url("/statistics?lang=zh_CN"));
    }

    @Test
    void aLedgerIsFilteredPagedAndDownloadedAsExcel(@TempDir Path dir) throws Exception {
        Page page = loggedIn();
        page.navigate(url("/ledgers"));
        page.click("text=监测对象台账");
        page.waitForURL("**/ledgers/monitored**");
        long monitoredEver = count("monitoring_state <> 'NONE'");
        assertThat(page.textContent("#ledger-count").replace(",", "")).contains("共 " + monitoredEver + " 户");
        assertThat(page.locator("table.ledger tbody tr:not(.total)").count())
                .isEqualTo((int) Math.min(50, monitoredEver));
        assertThat(page.content()).doesNotContain("ledger.", "??");
        // narrowed to the monitored now: the count and the rows follow
        page.selectOption("select[name=state]", "MONITORED");
        page.click("form.filters button");
        page.waitForURL("**state=MONITORED**");
        long monitored = count("monitoring_state = 'MONITORED'");
        assertThat(page.textContent("#ledger-count").replace(",", "")).contains("共 " + monitored + " 户");
        assertThat(page.textContent("table.ledger tr.total td:nth-child(2)")).contains("合计：" + monitored);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("ledger.png"))
                .setFullPage(false));
        // the Excel export of the same rows: title, region line, header, one row each, totals
        var download = page.waitForDownload(() -> page.click("text=导出 Excel"));
        Path file = dir.resolve("ledger.xlsx");
        download.saveAs(file);
        assertThat(download.suggestedFilename()).startsWith("监测对象台账-").endsWith(".xlsx");
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(file.toFile())) {
            var rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("监测对象台账");
            assertThat(rows.get(1).getCellText(0)).contains("监测状态：监测对象");
            assertThat(rows).hasSize(3 + (int) monitored + 1);
            assertThat(rows.get(rows.size() - 1).getCellText(0)).isEqualTo("合计：" + monitored + " 户");
        }
        // the same rows in the background: followed on the reports page, then downloaded there
        page.click("#background-export button");
        page.waitForURL("**/reports?export=**");
        page.waitForSelector("#export-progress :text('已完成')", new Page.WaitForSelectorOptions().setTimeout(60_000));
        assertThat(page.textContent("#export-progress")).contains(String.format("%,d", monitored));
        assertThat(page.content()).doesNotContain("export.", "??", ">DONE<");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("reports-export.png")));
        var later = page.waitForDownload(() -> page.click("#export-progress a"));
        Path again = dir.resolve("background.xlsx");
        later.saveAs(again);
        try (var wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(again.toFile())) {
            assertThat(wb.getFirstSheet().read()).hasSize(3 + (int) monitored + 1);
        }
        page.navigate(url("/ledgers/left-behind?lang=en"));
        assertThat(page.textContent("h2")).contains("Left-behind");
        assertThat(page.content()).doesNotContain("ledger.", "??");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("ledger-en.png"))
                .setFullPage(false));
        page.navigate(url("/ledgers/measures?lang=zh_CN"));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("ledger-phone.png")));
        page.setViewportSize(1366, 900);
        page.context().close();
    }

    @Test
    void monthlyReportsAreGeneratedWithProgressAndListed() {
        Page page = loggedIn();
        String last = java.time.YearMonth.now(TestData.ZONE).minusMonths(1).toString();
        page.navigate(url("/reports?month=" + last));
        page.click("form[action$='/reports/runs'] button");
        // the run's progress polls until it is done, then the list has the county's and its townships' reports
        page.waitForSelector("#progress :text('已完成')", new Page.WaitForSelectorOptions().setTimeout(120_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("reports-progress.png")));
        page.click("text=刷新列表");
        long townships = jdbc.sql("select count(*) from region where level = 4 and code like '421122%'")
                .query(Long.class)
                .single();
        assertThat(page.locator("table.data").first().locator("tbody tr").count())
                .isEqualTo((int) townships + 1);
        assertThat(page.content()).doesNotContain(">report.", "??");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("reports.png"))
                .setFullPage(false));
        page.navigate(url("/reports?lang=en"));
        assertThat(page.content()).doesNotContain(">report.", "??", "COMPLETED<", "MONTHLY<");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("reports-en.png")));
        page.navigate(url("/reports?lang=zh_CN"));
        page.setViewportSize(390, 844);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("reports-phone.png"))
                .setFullPage(true));
        page.setViewportSize(1366, 900);
        page.context().close();
    }

    @Test
    void alertsAreListedByStatusAndExplainThemselves() {
        Page page = loggedIn(); // the demo load ran monitoring once
        long fresh = jdbc.sql("select count(*) from alert where status = 'NEW' and village_code like '421122%'")
                .query(Long.class)
                .single();
        assertThat(fresh).isPositive();
        // the demo's departments sent claims, wages, housing assessments, a flood and 产业帮扶 paid under a project;
        // alerts come from them too
        assertThat(jdbc.sql("select count(*) from feed_batch where batch_key like 'DEMO-%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(5);
        assertThat(jdbc.sql("select count(distinct r) from alert, unnest(rules) r where r in ('MEDICAL_BURDEN',"
                                + " 'REGION_DISASTER', 'UNSAFE_HOUSING')")
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        // and the county office's case work so far, entered as the demo county user
        assertThat(jdbc.sql("select count(*) from assistance_plan where created_by = 'county'")
                        .query(Long.class)
                        .single())
                .isPositive();
        long all = jdbc.sql("select count(*) from alert where village_code like '421122%'")
                .query(Long.class)
                .single();
        page.navigate(url("/alerts"));
        // all, then by status: 待指派 second
        assertThat(page.textContent(".counts .count:nth-child(2) strong").replace(",", ""))
                .isEqualTo(String.valueOf(fresh));
        assertThat(page.textContent(".counts .count:first-child strong").replace(",", ""))
                .isEqualTo(String.valueOf(all));
        assertThat(page.locator("table.data tbody tr").count()).isEqualTo((int) Math.min(30, all));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("alerts.png")));
        page.click("table.data tbody tr:first-child a[href*='/alerts/']");
        page.waitForSelector("p.why");
        // the rule in words with its numbers, and the parameter's source
        assertThat(page.textContent("p.why")).containsPattern("\\(.+\\)");
        assertThat(page.textContent("main")).contains("全国默认监测规则");
        page.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("alert.png")).setFullPage(true));
        // the county office checks it itself and hands it to case work
        String alertUrl = page.url();
        page.fill("form.verify textarea", "入户核实：家庭收入确实低于监测线");
        // no outcome is chosen for the user: without one the browser does not send the form
        assertThat(page.isChecked("form.verify input[value=true]")).isFalse();
        assertThat(page.isChecked("form.verify input[value=false]")).isFalse();
        page.check("form.verify input[value=true]");
        page.click("form.verify button");
        page.waitForSelector("form.inline button.primary");
        assertThat(page.textContent("h2 .tag.sub")).isEqualTo("核实属实");
        assertThat(page.textContent("main")).contains("入户核实：家庭收入确实低于监测线");
        // people by their names, not their login names
        assertThat(page.textContent("dl.facts")).contains("红安县").doesNotContain("hongan");
        page.click("form.inline button.primary");
        page.waitForSelector("ol.timeline li:nth-child(2)");
        assertThat(page.textContent("h2 .tag.sub")).isEqualTo("已转识别认定");
        assertThat(page.locator("section.actions").count()).isZero();
        // it says so, and links the case it opened
        assertThat(page.textContent(".alert.ok")).isEqualTo("已移交识别认定");
        long caseId = jdbc.sql("select id from case_file where alert_id = ?")
                .param(Long.parseLong(alertUrl.substring(alertUrl.lastIndexOf('/') + 1)))
                .query(Long.class)
                .single();
        assertThat(page.getAttribute("a.followup", "href")).endsWith("/cases/" + caseId);
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("alert-handed.png"))
                .setFullPage(true));
        assertThat(page.getAttribute("html", "lang")).isEqualTo("zh-CN");
        page.navigate(alertUrl + "?lang=en");
        assertThat(page.textContent("main")).contains("Suggested category");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
    }

    @Test
    void aCountyFiltersAVillagesAlertsAndGivesThemToItsCadreOnADesktopAndAPhone() {
        loggedIn().context().close(); // the demo county
        // the village of the county with the most alerts to assign, and its one cadre
        String village = jdbc.sql("select village_code from alert where status = 'NEW' and village_code like"
                        + " '421122%' group by village_code order by count(*) desc, village_code limit 1")
                .query(String.class)
                .single();
        String township = village.substring(0, 9) + "000";
        jdbc.sql("update app_user set enabled = false where role = 'VILLAGE' and region_code = ?")
                .param(village)
                .update();
        Page page = as("web-bulk", "COUNTY", "421122000000");
        TestData.user(jdbc, encoder, "web-cadre-b", "VILLAGE", village, "Case-pass-2026", false);
        TestData.user(jdbc, encoder, "web-town-b", "TOWNSHIP", township, "Case-pass-2026", false);
        // people are picked by their names
        jdbc.sql("update app_user set display_name = '王村官' where username = 'web-cadre-b'")
                .update();
        jdbc.sql("update app_user set display_name = '李乡干' where username = 'web-town-b'")
                .update();
        page.navigate(url("/alerts"));
        // township, then village: each choice narrows the list at once
        page.selectOption("select[name=township]", township);
        page.waitForURL("**township=" + township + "*");
        page.selectOption("select[name=village]", village);
        page.waitForURL("**village=" + village + "*");
        long inVillage = jdbc.sql("select count(*) from alert where village_code = ?")
                .param(village)
                .query(Long.class)
                .single();
        assertThat(page.textContent("main h2 span").replace(",", "")).contains(String.valueOf(inVillage));
        page.selectOption("select[name=sort]", "SEVERITY");
        page.click("form.alert-filters button.primary");
        page.waitForURL("**sort=SEVERITY*");
        assertThat(page.locator("table.data tbody tr").count()).isEqualTo((int) Math.min(30, inVillage));
        // the picker names people, grouped by their region; not login names typed by hand
        assertThat(page.locator("form.bulk select[name=assignTo] option[value=web-cadre-b]")
                        .textContent())
                .isEqualTo("王村官 · 村级信息员");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("alerts-filtered.png"))
                .setFullPage(true));
        // every alert of the village waiting for assignment, on every page, to the township's officer
        long waiting = jdbc.sql("select count(*) from alert where village_code = ? and status = 'NEW'")
                .param(village)
                .query(Long.class)
                .single();
        assertThat(waiting).isPositive();
        page.selectOption("form.bulk select[name=assignTo]", "web-town-b");
        page.click("form.bulk button[value=true]");
        page.waitForSelector(".alert.ok");
        assertThat(page.textContent(".alert.ok")).isEqualTo("已指派 " + waiting + " 条线索");
        assertThat(page.url()).contains("village=" + village).contains("sort=SEVERITY");
        assertThat(jdbc.sql("select count(*) from alert where village_code = ? and status = 'NEW'")
                        .param(village)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(page.isDisabled("form.bulk button[value=true]")).isTrue(); // nothing left waiting
        // then the ticked rows of this page, each to its village's own cadre
        page.check("input[data-check-all]");
        int ticked = page.locator("input[name=ids]:checked").count();
        assertThat(ticked).isPositive();
        page.selectOption("form.bulk select[name=assignTo]", "@cadre");
        page.click("form.bulk button[value=false]");
        page.waitForSelector(".alert.ok");
        assertThat(page.textContent(".alert.ok")).isEqualTo("已指派 " + ticked + " 条线索");
        assertThat(jdbc.sql("select count(*) from alert where village_code = ? and assigned_to = 'web-cadre-b'"
                                + " and status = 'ASSIGNED'")
                        .param(village)
                        .query(Long.class)
                        .single())
                .isEqualTo(ticked);
        // the list names them by their names
        assertThat(page.textContent("table.data")).contains("王村官").doesNotContain("web-cadre-b");
        assertThat(page.textContent("main")).doesNotContain("??", "NEW", "ASSIGNED", "SEVERITY");

        // on a phone: the menu folds into a button, the list into cards, nothing scrolls sideways
        page.setViewportSize(390, 844);
        page.navigate(url("/alerts?village=" + village));
        assertThat(page.isVisible("header .menu-toggle")).isTrue();
        assertThat(page.isVisible("header nav")).isFalse();
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        assertThat(page.isVisible("table.data thead")).isFalse();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("alerts-phone.png")));
        page.click("header .menu-toggle");
        assertThat(page.isVisible("header nav a[href$='/inbox']")).isTrue();
        assertThat(page.isVisible("header .me button")).isTrue(); // 退出 within reach
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("menu-phone.png")));
        page.click("header nav a[href$='/inbox']");
        page.waitForURL("**/inbox");
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        page.context().close();
    }

    @Test
    void aCaseOrAGrievanceStartedWithoutAHouseholdFindsTheHouseholdFirst() {
        loggedIn().context().close(); // the demo county
        String[] h = jdbc.sql("select household_id, household_no from household where valid_to is null and not"
                        + " deleted and village_code like '421122%' order by household_id limit 1")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)})
                .single();
        Page page = as("web-pick", "COUNTY", "421122000000");
        // once a 400 "please retry later"; now a search
        com.microsoft.playwright.Response r = page.navigate(url("/cases/new"));
        assertThat(r.status()).isEqualTo(200);
        page.fill("input[name=q]", h[1]);
        page.click("main form button.primary");
        page.waitForSelector("table.data a.button");
        assertThat(page.locator("table.data tbody tr").count()).isEqualTo(1);
        page.click("table.data a.button");
        page.waitForSelector("form.step textarea[name=statement]");
        assertThat(page.url()).contains("household=" + h[0]).contains("kind=IDENTIFICATION");
        assertThat(page.textContent("nav.crumbs")).contains(h[1]);
        // the same for a grievance; a search that finds nothing says so
        assertThat(page.navigate(url("/grievances/new?q=no-such-household")).status())
                .isEqualTo(200);
        assertThat(page.textContent("table.data")).contains("没有找到农户");
        page.context().close();
    }

    @Autowired
    PasswordEncoder encoder;

    @Test
    void aProvinceUserComparesAHigherMonitoringLineWithTheRulesInForce() {
        loggedIn().context().close(); // the demo county, monitored once by the demo load
        Page county = as("web-county-2", "COUNTY", "421122000000");
        county.navigate(url("/monitoring"));
        assertThat(county.textContent("main")).contains("全国默认监测规则", "监测收入线");
        // the demo's line is the national 2021 value: the page says it is not this year's
        assertThat(county.textContent(".alert.warn"))
                .contains(
                        "6,000",
                        "2021 年起",
                        LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear() + " 年");
        assertThat(county.locator("form[action$=what-if] button").count()).isZero(); // a province's work
        Page province = as("web-province", "PROVINCE", "420000000000");
        province.navigate(url("/monitoring"));
        province.fill("input[name='p.monitoring_line']", "7500");
        province.click("form[action$=what-if] button.primary");
        province.waitForSelector("[data-chart] canvas");
        assertThat(province.textContent(".kpis")).contains("模拟测算");
        long added = Long.parseLong(province.textContent(".kpi:nth-child(3) b")
                .split("/")[0]
                .replace("+", "")
                .strip());
        assertThat(added).isPositive(); // a higher line flags more households
        assertThat(province.textContent("table.data")).contains("红安县");
        province.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("what-if.png"))
                .setFullPage(true));
        province.navigate(url("/monitoring"));
        assertThat(province.textContent("#runs")).contains("模拟测算");
        province.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("monitoring.png"))
                .setFullPage(true));
        county.context().close();
        province.context().close();
    }

    /** A browser signed in as a new user of a role and region. */
    /** Nothing wider than the phone: the page never scrolls sideways. */
    private static void assertFitsThePhone(Page page) {
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .as(() -> page.url() + " scrolls sideways, past the edge: "
                        + page.evaluate(
                                "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)"
                                        + ".slice(0, 6).map(e => e.tagName + '.' + e.className + ' '"
                                        + " + Math.round(e.getBoundingClientRect().right)).join(', ')"))
                .isLessThanOrEqualTo(390);
    }

    private Page as(String user, String role, String region) {
        TestData.user(jdbc, encoder, user, role, region, "Case-pass-2026", false);
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", "Case-pass-2026");
        page.click("button[type=submit]");
        page.waitForURL("**/");
        return page;
    }

    @Test
    void aCaseGoesFromTheHouseholdPageThroughEachLevelToInclusion() {
        loggedIn().context().close(); // the demo county, and the county user
        var h = jdbc.sql("select household_id, household_no, village_code from household h where valid_to is null"
                        + " and not deleted and identity = 'ORDINARY' and monitoring_state = 'NONE' and village_code like"
                        + " '421122%' and not exists"
                        + " (select 1 from case_file c where c.household_id = h.household_id and c.closed_at is null)"
                        + " order by household_id limit 1")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String village = h[2];
        String township = village.substring(0, 9) + "000";

        // the village cadre starts it from the household's page, as the household's application of ten days ago,
        // and does all of the village's part on a phone
        Page cadre = as("web-cadre", "VILLAGE", village);
        cadre.setViewportSize(390, 844);
        cadre.navigate(url("/households/" + h[0]));
        cadre.click("a.start-case");
        cadre.waitForSelector("form.step");
        cadre.fill("input[name=discoveredOn]", today.minusDays(10).toString());
        cadre.check("input[name=suggestedCauses][value=ILLNESS]");
        cadre.fill("textarea[name=statement]", "户主患病住院，申请纳入监测");
        cadre.click("form.step button.primary");
        cadre.waitForSelector("ol.stages li.now");
        String caseUrl = cadre.url();
        assertThat(cadre.textContent("ol.stages li.now")).isEqualTo("入户核实");
        // the cadre's home: what waits, not a chart of sub-regions a village does not have
        cadre.navigate(url("/"));
        assertThat(cadre.textContent("#work")).contains("入户核实", h[1]);
        assertThat(cadre.locator(".chart.tall").count()).isZero();
        cadre.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("home-village.png")));
        cadre.navigate(caseUrl);
        // a refusal comes back on the page: the note is required
        cadre.evaluate("document.querySelectorAll('form.step [required]').forEach(e => e.removeAttribute('required'))");
        cadre.click("form.step button.primary");
        cadre.waitForSelector(".alert.error");
        assertThat(cadre.textContent(".alert.error")).contains("说明");
        // no finding or outcome is chosen for the cadre: each is answered
        for (String q : List.of(
                "foodAndClothingSecure",
                "compulsoryEducationSecure",
                "basicMedicalSecure",
                "housingSafe",
                "waterSafe")) {
            assertThat(cadre.inputValue("select[name=" + q + "]")).isEmpty();
            cadre.selectOption("select[name=" + q + "]", "true");
        }
        assertThat(cadre.inputValue("select[name=riskConfirmed]")).isEmpty();
        cadre.selectOption("select[name=riskConfirmed]", "true");
        cadre.fill("input[name=visitedOn]", today.minusDays(8).toString());
        cadre.fill("input[name=perCapitaIncome]", "4100");
        cadre.fill("textarea[name=note]", "入户核实：住院自付1.1万元，收入下降");
        assertFitsThePhone(cadre);
        cadre.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("case-verification-phone.png"))
                .setFullPage(true));
        cadre.click("form.step button.primary");
        cadre.waitForSelector("input[name=heldOn]");
        cadre.fill("input[name=heldOn]", today.minusDays(6).toString());
        cadre.fill("input[name=attendees]", "15");
        cadre.fill("input[name=votesFor]", "14");
        cadre.fill("input[name=votesAgainst]", "1");
        cadre.fill("input[name=publicityFrom]", today.minusDays(5).toString());
        assertThat(cadre.inputValue("select[name=approved]")).isEmpty();
        cadre.selectOption("select[name=approved]", "true");
        // a council before the field visit it weighs is refused, with the reason
        cadre.fill("input[name=heldOn]", today.minusDays(9).toString());
        cadre.click("form.step button.primary");
        cadre.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("debug-council.png"))
                .setFullPage(true));
        cadre.waitForSelector(".alert.error");
        assertThat(cadre.textContent(".alert.error")).contains("入户核实");
        // the form comes back as it was sent, the reason beside the date
        assertThat(cadre.textContent("label:has(input[name=heldOn]) .field-error"))
                .contains("入户核实");
        assertThat(cadre.inputValue("input[name=heldOn]"))
                .isEqualTo(today.minusDays(9).toString());
        assertThat(cadre.inputValue("input[name=attendees]")).isEqualTo("15");
        assertThat(cadre.inputValue("input[name=votesAgainst]")).isEqualTo("1");
        assertThat(cadre.inputValue("select[name=approved]")).isEqualTo("true");
        assertThat(cadre.inputValue("input[name=publicityFrom]"))
                .isEqualTo(today.minusDays(5).toString());
        cadre.fill("input[name=heldOn]", today.minusDays(6).toString());
        cadre.click("form.step button.primary");
        cadre.waitForSelector("form[action$=publicity-end] button");
        assertThat(cadre.textContent("ol.stages li.now")).isEqualTo("村公示");
        cadre.click("form[action$=publicity-end] button");
        cadre.waitForSelector("ol.stages li.now");
        assertThat(cadre.textContent("ol.stages li.now")).isEqualTo("乡镇审核");
        assertThat(cadre.locator("section.actions").count()).isZero(); // not the village's step

        // the township finds it in its inbox and approves it
        Page town = as("web-town", "TOWNSHIP", township);
        town.navigate(url("/inbox"));
        assertThat(town.textContent("table.data")).contains(h[1]).contains("乡镇审核");
        town.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("inbox.png")));
        town.click("table.data tbody a[href*='/cases/']");
        town.waitForSelector("form[action$=township-review]");
        town.selectOption("form[action$=township-review] select[name=approved]", "true");
        town.fill("form[action$=township-review] textarea", "材料齐全，同意上报");
        town.click("form[action$=township-review] button");
        town.waitForSelector("ol.stages li.now");
        assertThat(town.textContent("ol.stages li.now")).isEqualTo("县审定");

        // the county includes it: the household becomes a 监测对象, the steps are on its timeline
        Page county = as("web-county", "COUNTY", "421122000000");
        county.navigate(caseUrl);
        assertThat(county.inputValue("select[name=include]")).isEmpty();
        county.selectOption("select[name=include]", "true");
        county.selectOption("select[name=category]", "SUDDEN_HARDSHIP");
        assertThat(county.isChecked("input[name=causes][value=ILLNESS]")).isTrue(); // the suggested cause
        county.fill("textarea[name=reason]", "因病支出大，收入低于监测线");
        county.click("form[action$=county-decision] button");
        county.waitForSelector("ol.stages li.done:nth-child(5)");
        assertThat(county.textContent("h2 .tag")).isEqualTo("已纳入监测");
        // every step in words: no message key, no enum code (a kind, a role)
        assertThat(county.textContent("main"))
                .contains("识别认定", "县乡村振兴局", "政策时期")
                .doesNotContain("??", "IDENTIFICATION", "(VILLAGE)", "(COUNTY)");
        county.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("case.png")).setFullPage(true));
        county.navigate(url("/households/" + h[0]));
        // who the household is stays; its monitoring state is 监测对象 (two tags, two dimensions)
        assertThat(county.textContent("h2 .tag.ordinary")).isEqualTo("一般农户");
        assertThat(county.textContent("h2 .tag.monitored")).isEqualTo("监测对象");
        assertThat(county.textContent("ol.timeline")).contains("县级审定纳入监测", "村民主评议通过", "入户核实");
        assertThat(county.locator("a.start-case[href*='/cases/new']:not([href*='ELIMINATION'])")
                        .count())
                .isZero();

        assertThat(county.locator("a.start-case[href*='/plans/']").count()).isOne();
        // 帮扶责任人: the county records a helper (the account picked from the county's people), then names them
        county.navigate(url("/helpers"));
        county.fill("#add-helper input[name=name]", "王帮扶");
        county.fill("#add-helper input[name=phone]", "0713-5000000");
        assertThat(county.locator("#add-helper select[name=username] option[value=web-cadre]")
                        .textContent())
                .contains("村级信息员");
        county.selectOption("#add-helper select[name=username]", "web-cadre");
        county.click("#add-helper button");
        county.waitForSelector("h2:has-text('王帮扶')");
        // 一户一策: the county names the helper; the cadre adds a measure, carries it out, visits
        county.navigate(url("/plans/" + h[0]));
        county.waitForSelector("form[action$=responsible]");
        county.selectOption("form[action$=responsible] select[name=helperId]", new SelectOption().setLabel("王帮扶"));
        county.click("form[action$=responsible] button");
        county.waitForSelector("#responsible:has-text('王帮扶')");
        // the phone shows masked beside the name
        assertThat(county.textContent("#responsible")).contains("071*****0000").doesNotContain("0713-5000000");
        assertThat(jdbc.sql("select responsible_user from assistance_plan where household_id = ?")
                        .param(Long.parseLong(h[0]))
                        .query(String.class)
                        .single())
                .isEqualTo("web-cadre");
        // 帮扶计划: the county's plans, this one with its responsible person
        county.navigate(url("/plans"));
        assertThat(county.textContent("table.data")).contains(h[1], "王帮扶");
        county.navigate(url("/plans/" + h[0]));
        cadre.navigate(url("/plans/" + h[0]));
        // a measure that would end before it starts is refused, and comes back as it was typed
        cadre.selectOption("form.add-measure select[name=type]", "MEDICAL_AID");
        cadre.fill("form.add-measure input[name=amount]", "5000");
        cadre.fill("form.add-measure textarea[name=description]", "医疗救助二次报销");
        cadre.fill(
                "form.add-measure input[name=plannedEnd]", today.minusDays(30).toString());
        cadre.click("form.add-measure button");
        cadre.waitForSelector("form.add-measure .field-error");
        assertThat(cadre.textContent("form.add-measure")).contains("不能早于");
        assertThat(cadre.inputValue("form.add-measure select[name=type]")).isEqualTo("MEDICAL_AID");
        assertThat(cadre.inputValue("form.add-measure textarea[name=description]"))
                .isEqualTo("医疗救助二次报销");
        assertThat(cadre.inputValue("form.add-measure input[name=amount]")).isEqualTo("5000");
        cadre.fill("form.add-measure input[name=plannedEnd]", "");
        cadre.fill("form.add-measure textarea[name=description]", "医疗救助二次报销");
        cadre.click("form.add-measure button");
        cadre.waitForSelector("form.measure");
        cadre.selectOption("form.measure select[name=status]", "DONE");
        cadre.fill("form.measure input[name=actualStart]", today.toString());
        cadre.fill("form.measure input[name=actualEnd]", today.toString());
        cadre.fill("form.measure input[name=evidence]", "救助审批表、银行回单");
        cadre.click("form.measure button");
        cadre.waitForSelector("table.data .tag.eliminated");
        assertThat(cadre.textContent("table.data")).contains("医疗救助", "已落实", "医疗保障局", "5,000.00");
        // what the household still lacks for risk elimination, criterion by criterion
        assertThat(cadre.textContent("#criteria")).contains("风险消除条件", "尚不满足", "帮扶满规定期限", "收入不低于监测线");
        cadre.fill("form.add-visit textarea[name=notes]", "已出院，报销到位，收入恢复");
        // what the cadre saw is chosen, never preset
        assertThat(cadre.inputValue("form.add-visit select[name=incomeStable]")).isEmpty();
        cadre.selectOption("form.add-visit select[name=incomeStable]", "true");
        cadre.selectOption("form.add-visit select[name=needsSecured]", "true");
        cadre.click("form.add-visit button");
        cadre.waitForSelector("ol.timeline li b");
        assertThat(cadre.textContent("ol.timeline")).contains("已出院，报销到位");
        // a photo of the visit as evidence
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        cadre.setInputFiles("ol.timeline form.attach input[type=file]", new FilePayload("走访照片.png", "image/png", png));
        cadre.click("ol.timeline form.attach button");
        cadre.waitForSelector("ol.timeline a.file");
        assertThat(cadre.textContent("ol.timeline a.file")).isEqualTo("走访照片.png");
        assertFitsThePhone(cadre);
        cadre.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("plan-phone.png"))
                .setFullPage(true));

        county.navigate(url("/cases"));
        county.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("cases.png")));
        // the household is monitored now: its page offers risk elimination, which opens as its own kind of case
        county.navigate(url("/households/" + h[0]));
        county.click("a.start-case[href*='kind=ELIMINATION']");
        county.waitForSelector("form.step");
        assertThat(county.textContent("section.actions h2")).isEqualTo("风险消除");
        assertThat(county.locator("select[name=channel] option[value=PROPOSAL]").count())
                .isEqualTo(1);
        // a grievance about the data, lodged from the household page and decided by the county
        county.navigate(url("/households/" + h[0]));
        county.click("a.start-case[href*='/grievances/new']");
        county.waitForSelector("form.step");
        county.selectOption("select[name=kind]", "WRONG_DATA");
        county.fill("textarea[name=content]", "家庭人口登记有误");
        county.click("form.step button.primary");
        county.waitForSelector("form[action$=decision]");
        county.fill("form[action$=decision] textarea", "已核对，登记无误");
        county.selectOption("form[action$=decision] select[name=upheld]", "false");
        county.click("form[action$=decision] button");
        county.waitForSelector("h2 .tag.sub");
        assertThat(county.textContent("h2 .tag.sub")).isEqualTo("不成立");
        county.navigate(url("/grievances"));
        assertThat(county.textContent("table.data")).contains(h[1], "信息错误");
        var proposals = county.navigate(url("/cases/proposals"));
        assertThat(proposals.status()).isEqualTo(200);
        // the total says how many households are proposed: on one page here, each a row
        int rows = county.locator("table.data tbody tr:not(:has(td.empty))").count();
        assertThat(county.textContent("main h2")).startsWith("风险消除建议").endsWith("共 " + rows + " 户");
        county.navigate(caseUrl + "?lang=en");
        assertThat(county.textContent("main")).contains("Included in monitoring", "Field verification");
        for (Page p : List.of(cadre, town, county)) {
            p.context().close();
        }
    }

    @Test
    void anAdministratorCreatesAnAccountAndChangesWhatARoleMayDo() {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        String village = jdbc.sql("select min(code) from region where level = 5")
                .query(String.class)
                .single();
        jdbc.sql("delete from app_user where username = 'pw-village'").update();
        Page admin = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        admin.navigate(url("/login"));
        admin.fill("input[name=username]", "admin");
        admin.fill("input[name=password]", IntegrationTest.ADMIN_PASSWORD);
        admin.click("button[type=submit]");
        admin.waitForURL(u -> !u.contains("/login"));
        admin.click("nav >> text=管理");
        admin.waitForURL("**/admin/users");

        // a department account without its department is refused with the reason, nothing is created
        admin.fill("form.step input[name=username]", "pw-village");
        admin.fill("form.step input[name=displayName]", "桃园村信息员");
        admin.selectOption("form.step select[name=role]", "DEPARTMENT");
        admin.fill("form.step input[name=regionCode]", village);
        admin.click("form.step button.primary");
        assertThat(admin.textContent(".alert.error")).contains("须选择所属部门");
        assertThat(jdbc.sql("select count(*) from app_user where username = 'pw-village'")
                        .query(Long.class)
                        .single())
                .isZero();

        // the village account: its one-time password is shown once, and its first login leads to the change
        admin.selectOption("form.step select[name=role]", "VILLAGE");
        admin.click("form.step button.primary");
        admin.waitForURL("**/admin/users/pw-village");
        String password = admin.textContent(".one-time-password").strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-user.png")));
        Page cadre = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))
                .newPage();
        cadre.navigate(url("/login"));
        cadre.fill("input[name=username]", "pw-village");
        cadre.fill("input[name=password]", password);
        cadre.click("button[type=submit]");
        cadre.waitForURL("**/account/password");
        admin.reload();
        assertThat(admin.locator(".one-time-password").count()).isZero(); // shown once only

        // inspectors lose the export, and get it back, through the matrix
        admin.click("text=返回用户列表");
        admin.click("nav.tabs >> text=角色权限");
        admin.waitForURL("**/admin/roles");
        String box = "input[name='INSPECTOR:REGISTRY_EXPORT']";
        assertThat(admin.isChecked(box)).isTrue();
        admin.uncheck(box);
        admin.click("button.primary");
        admin.waitForURL("**/admin/roles");
        assertThat(admin.textContent(".alert")).contains("已保存");
        assertThat(admin.isChecked(box)).isFalse();
        assertThat(jdbc.sql("select count(*) from role_permission where role = 'INSPECTOR'"
                                + " and permission = 'REGISTRY_EXPORT'")
                        .query(Long.class)
                        .single())
                .isZero();
        admin.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("admin-roles.png"))
                .setFullPage(true));
        admin.check(box);
        admin.click("button.primary");
        admin.waitForURL("**/admin/roles");
        assertThat(admin.isChecked(box)).isTrue();

        // the audit page lists what was done to the account, and the chain verifies with its anchors
        admin.click("nav >> text=审计");
        admin.waitForURL("**/audit");
        admin.fill("input[name=entityId]", "pw-village");
        admin.click("form.filters button");
        admin.waitForURL("**/audit?**");
        // actions in words, not codes
        assertThat(admin.locator("table.data tbody tr").allTextContents())
                .anyMatch(row -> row.contains("新建账号"))
                .noneMatch(row -> row.matches("(?s).*\\b[A-Z]+_[A-Z_]+\\b.*"));
        admin.click("text=校验审计链");
        admin.waitForURL("**/audit/verify");
        assertThat(admin.textContent(".alert.ok")).contains("审计链完整");
        admin.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("audit.png")));
    }

    @Autowired
    Registry registry;

    @Test
    void aDepartmentSendsAFileAndReadsTheFeedbackOnItsRows(@TempDir Path dir) throws Exception {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        // a registered person's ID number (read as the system), and one nobody registered
        long personId =
                jdbc.sql("select min(person_id) from person").query(Long.class).single();
        String registered = registry.sensitive(personId).idNumber();
        String stranger = TestData.id("1950-05-05", 97);
        jdbc.sql("delete from app_user where username = 'web-yibao'").update();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code, department)"
                        + " values ('web-yibao', ?, '县医保局', 'DEPARTMENT', '421122000000', 'MEDICAL_SECURITY')")
                .param(encoder.encode("Yibao-pass-2026"))
                .update();
        Path file = dir.resolve("claims.csv");
        Files.writeString(
                file,
                String.join(
                                ",",
                                FeedColumn.ID_NUMBER.header(),
                                FeedColumn.VISIT_DATE.header(),
                                FeedColumn.TOTAL_COST.header(),
                                FeedColumn.OUT_OF_POCKET.header())
                        + "\n" + registered + ",2026-11-03,8000,2500\n" + stranger + ",2026-11-04,600,200\n");

        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", "web-yibao");
        page.fill("input[name=password]", "Yibao-pass-2026");
        page.click("button[type=submit]");
        page.waitForURL(u -> !u.contains("/login"));
        page.click("nav >> text=部门数据");
        page.waitForURL("**/feeds");
        // a department sends only its own feeds
        assertThat(page.locator("form.step select[name=type] option").allTextContents())
                .containsExactly("医保结算");
        page.fill("input[name=batchId]", "WEB-YB-1");
        page.fill("input[name=period]", "2026-11");
        page.setInputFiles("input[type=file]", file);
        page.click("form.step button.primary");
        page.waitForSelector("#result .alert.ok");
        assertThat(page.textContent("#result .alert.ok"))
                .contains("WEB-YB-1")
                .contains("2 行")
                .contains("未匹配 1 行");
        page.click("#result >> text=查看反馈");
        page.waitForURL("**/feeds/*");
        assertThat(page.locator("table.data tbody tr").allTextContents())
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .contains("未在防返贫监测系统中登记")
                        .contains(IdNumber.mask(stranger))
                        .doesNotContain(stranger));
        page.waitForSelector(".chart canvas");
        page.waitForTimeout(1500); // the chart's opening animation
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("feed.png")));
        page.click("nav.crumbs >> text=部门数据");
        page.waitForSelector(".chart canvas");
        page.waitForTimeout(1500);
        assertThat(page.textContent("table.data tbody")).contains("WEB-YB-1").contains("50.0%");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("feeds.png")));
    }

    @Test
    void aProvinceSetsAParameterAndDraftsChecksAndPutsInForceItsOwnRules() {
        loggedIn().context().close(); // the demo county
        Page province = as("web-province-rules", "PROVINCE", "420000000000");
        province.navigate(url("/monitoring"));
        province.click("nav.tabs >> text=政策参数");
        province.waitForURL("**/monitoring/parameters");
        // a new monitoring line for the province, from a date well after every other test's
        province.click("#monitoring_line summary");
        province.fill("#monitoring_line input[name=value]", "6800");
        province.fill("#monitoring_line input[name=validFrom]", "2030-01-01");
        province.fill("#monitoring_line input[name=sourceNote]", "鄂政办发〔2029〕9号（测试）");
        province.click("#monitoring_line button.primary");
        province.waitForURL("**/monitoring/parameters#monitoring_line");
        assertThat(province.textContent(".alert.ok")).contains("monitoring_line");
        assertThat(province.textContent("#monitoring_line table")).contains("2030-01-01", "6800", "鄂政办发〔2029〕9号（测试）");
        province.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("parameters.png")));

        // a draft copied from the rules in force; a broken condition is refused with its reason beside it
        province.click("nav.tabs >> text=监测规则集");
        province.click("button.new-draft");
        province.waitForURL(u -> u.matches(".*/monitoring/rule-sets/[0-9a-f-]{36}$"));
        String draft = province.url();
        int rules = province.locator("table.rules tbody tr:not(.new-rule)").count();
        assertThat(rules).isGreaterThanOrEqualTo(10);
        province.fill("textarea[name='rules[0].expression']", "per_capita_income <");
        province.click("button.save-draft");
        assertThat(province.textContent(".alert.error")).contains("草案未保存");
        assertThat(province.locator(".field-error").count()).isEqualTo(1);
        province.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("rule-set-error.png")));
        // corrected, and a rule of the province's own added
        province.fill("textarea[name='rules[0].expression']", "per_capita_income < monitoring_line");
        province.fill("tr.new-rule input[name$='.code']", "HUBEI_LOW_LABOUR");
        province.fill("tr.new-rule input[name$='.nameZh']", "无劳动力且收入偏低");
        province.fill("tr.new-rule input[name$='.nameEn']", "No labour and low income");
        province.fill("tr.new-rule textarea", "labour_force = 0 and per_capita_income < monitoring_line * 1.2");
        province.click("button.save-draft");
        province.waitForURL(draft);
        assertThat(province.textContent(".alert.ok")).contains("已保存");
        assertThat(province.locator("table.rules tbody tr:not(.new-rule)").count())
                .isEqualTo(rules + 1);
        province.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("rule-set.png"))
                .setFullPage(true));
        // in force from a date: frozen from then on
        province.fill("input[name=effectiveFrom]", "2030-01-02");
        province.click("button.activate");
        province.waitForURL(draft);
        assertThat(province.textContent(".alert.ok")).contains("2030-01-02");
        assertThat(province.locator("textarea").count()).isZero();
        assertThat(jdbc.sql("select count(*) from rule_definition d join rule_set s on s.id = d.rule_set_id"
                                + " where s.status = 'ACTIVE' and s.province_code = '420000000000'"
                                + " and d.code = 'HUBEI_LOW_LABOUR'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // a county sees the rules, cannot draft any
        Page county = as("web-county-rules", "COUNTY", "421122000000");
        county.navigate(url("/monitoring/rule-sets"));
        assertThat(county.locator("button.new-draft").count()).isZero();
        county.navigate(draft);
        assertThat(county.textContent("table.rules")).contains("HUBEI_LOW_LABOUR");
    }

    @Test
    void firstLoginWithAGeneratedPasswordLeadsThroughTheChange() {
        jdbc.sql("delete from app_user where username = 'newcomer'").update();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, must_change_password)"
                        + " values ('newcomer', ?, '新同事', 'COUNTY', true)")
                .param(encoder.encode("Generated-123"))
                .update();
        Page page = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", "newcomer");
        page.fill("input[name=password]", "Generated-123");
        page.click("button[type=submit]");
        page.waitForURL("**/account/password");
        assertThat(page.textContent(".alert")).contains("首次登录须修改");
        page.fill("input[name=current]", "Generated-123");
        page.fill("input[name=password]", "abc");
        page.fill("input[name=confirm]", "abc");
        page.click("button[type=submit]");
        assertThat(page.textContent(".alert.error")).contains("至少 10 位");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("password-change.png")));
        page.fill("input[name=current]", "Generated-123");
        page.fill("input[name=password]", "Xinren-pass-2026");
        page.fill("input[name=confirm]", "Xinren-pass-2026");
        page.click("button[type=submit]");
        try {
            page.waitForURL(u -> u.endsWith("/?passwordChanged"), new Page.WaitForURLOptions().setTimeout(5000));
        } catch (TimeoutError e) {
            System.out.println("DEBUG url=" + page.url() + " alerts="
                    + page.locator(".alert").allTextContents());
        }
        assertThat(page.url()).endsWith("/?passwordChanged");
        assertThat(page.locator(".top").isVisible()).isTrue();
    }

    @Test
    void importPageReportsRejectedRowsWithoutChangingData() throws Exception {
        Page page = loggedIn();
        long before = jdbc.sql("select count(*) from person").query(Long.class).single();
        Path bad = Files.createTempFile("bad", ".csv");
        Files.writeString(
                bad,
                "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\n"
                        + "X1,421122100201,脱贫户,张三,123,户主\n"
                        + "X2,421122100201,脱贫户,李四,11010519491231002X,户主\n");
        page.navigate(url("/imports"));
        page.setInputFiles("input[type=file]", bad);
        page.click("form button.primary");
        page.waitForSelector("#result .alert.error");
        assertThat(page.textContent("#result")).contains("公民身份号码应为 18 位").contains("脱贫户须填写脱贫年度");
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("import-rejected.png"))
                .setFullPage(true));
        assertThat(jdbc.sql("select count(*) from person").query(Long.class).single())
                .isEqualTo(before);
    }
}
