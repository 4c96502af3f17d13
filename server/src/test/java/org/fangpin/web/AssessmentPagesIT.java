package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.List;
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
 * 抽查 and 整改 in a browser: a city draws a county's sample, an inspector checks a household on a phone (the sheet
 * prefilled from the registry), the city issues a finding from the draw's results, the county rectifies and asks to
 * close, the city sends it back once and then signs it off.
 */
@WebServerTest
class AssessmentPagesIT {

    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String PW = "Assess-pass-2026";

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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page as(String user, String role, String region, int width) {
        TestData.user(jdbc, encoder, user, role, region, PW, false);
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, 900)
                        .setLocale("zh-CN"))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PW);
        page.click("button[type=submit]");
        page.waitForURL("**/");
        return page;
    }

    @Test
    void aCityDrawsAnInspectorChecksTheCountyRectifiesAndTheCitySignsOff() throws Exception {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        // the city draws a county's sample from the page
        Page city = as("web-city", "CITY", TestData.CITY, 1366);
        city.click("nav a[href='/assessment/plans']");
        city.click(".tabs a[href='/assessment']");
        city.selectOption("select[name=region]", TestData.COUNTY);
        city.fill("input[name=seed]", "2026年度考核 红安县 第1次抽样");
        city.fill("input[name=fraction]", "0.02");
        city.fill("input[name=minimum]", "2");
        city.click("form.step button.primary");
        city.waitForSelector("table#drawn");
        String drawUrl = city.url();
        // the draw's page on a phone: the frame's fingerprint wraps, nothing runs past the edge
        city.setViewportSize(390, 844);
        assertFitsThePhone(city);
        city.setViewportSize(1366, 900);
        long drawId = Long.parseLong(drawUrl.substring(drawUrl.lastIndexOf('/') + 1));
        long drawn = jdbc.sql("select count(*) from sample_household where draw_id = ?")
                .param(drawId)
                .query(Long.class)
                .single();
        assertThat(city.locator("table#drawn tbody tr").count()).isEqualTo((int) drawn);
        assertThat(city.textContent("table#results")).contains("红安县", "错退率").doesNotContain("WRONG_EXIT");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assessment-draw.png"))
                .setFullPage(true));

        // the inspector checks, on a phone, a household whose risk had been called eliminated: wrongly exited
        long household = jdbc.sql("select household_id from sample_household where draw_id = ?"
                        + " and monitoring_state = 'ELIMINATED' order by stratum, rank limit 1")
                .param(drawId)
                .query(Long.class)
                .single();
        Page inspector = as("web-inspector", "INSPECTOR", TestData.CITY, 390);
        inspector.navigate(url("/assessment/samples/" + drawId));
        inspector.click("table#drawn a[href$='/households/" + household + "']");
        inspector.waitForSelector("select[name=verdict]");
        // prefilled from the registry: each item as registered, no verdict chosen for the inspector
        boolean housingRegistered = jdbc.sql("select coalesce(housing_grade not in ('C', 'D'), true) from household"
                        + " where household_id = ? and valid_to is null")
                .param(household)
                .query(Boolean.class)
                .single();
        assertThat(inspector.inputValue("select[name=housing]")).isEqualTo(Boolean.toString(housingRegistered));
        assertThat(inspector.inputValue("select[name=verdict]")).isEmpty();
        assertThat(inspector
                        .locator("select[name=verdict] option[value=MISSED]")
                        .count())
                .isZero();
        inspector.selectOption("select[name=verdict]", "WRONG_EXIT");
        inspector.selectOption("select[name=recognised]", "false");
        inspector.fill("input[name=perCapitaIncome]", "5200");
        inspector.fill("textarea[name=note]", "风险消除后家庭收入仍低于监测线");
        assertFitsThePhone(inspector);
        inspector.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assessment-check-phone.png"))
                .setFullPage(true));
        inspector.click("form.step button.primary");
        inspector.waitForSelector(".alert.ok");
        assertThat(inspector.textContent("tr#h" + household)).contains("错退", "不认可");
        assertThat(jdbc.sql("select verdict from field_check where draw_id = ? and household_id = ?")
                        .params(drawId, household)
                        .query(String.class)
                        .single())
                .isEqualTo("WRONG_EXIT");

        // offline: the inspector takes the list to the field and uploads it from the phone; as exported it holds
        // nothing new (the check above is in it, with its version), and the page says so
        byte[] list = inspector
                .context()
                .request()
                .get(url("/api/v1/samples/" + drawId + "/export"))
                .body();
        Path file = Files.createTempFile("sample-" + drawId + "-", ".xlsx");
        Files.write(file, list);
        inspector.navigate(url("/assessment/samples/" + drawId));
        inspector.setInputFiles("form#upload input[name=file]", file);
        inspector.click("form#upload button.primary");
        inspector.waitForSelector("#households .alert");
        assertThat(inspector.textContent("#households .alert")).contains("导入成功", "新增 0，更新 0，未变 " + drawn);
        assertFitsThePhone(inspector);
        inspector.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assessment-upload-phone.png"))
                .setFullPage(true));
        Files.delete(file);

        // the city issues a finding from the results: the household comes with it
        city.navigate(drawUrl);
        long eliminatedDrawn = jdbc.sql("select count(*) from sample_household s join field_check c using (draw_id,"
                        + " household_id) where s.draw_id = ? and s.monitoring_state = 'ELIMINATED'")
                .param(drawId)
                .query(Long.class)
                .single();
        assertThat(city.textContent("table#results")).contains("(1/" + eliminatedDrawn + ")");
        city.click("a[href^='/findings/new']");
        city.waitForSelector("select[name=region]");
        String householdNo = jdbc.sql("select household_no from household where household_id = ? and valid_to is null")
                .param(household)
                .query(String.class)
                .single();
        assertThat(city.inputValue("input[name=households]")).isEqualTo(householdNo);
        assertThat(city.inputValue("select[name=source]")).isEqualTo("SAMPLE_CHECK");
        city.selectOption("select[name=region]", TestData.COUNTY);
        city.fill("input[name=responsibleUnit]", "红安县乡村振兴局");
        city.selectOption("select[name=category]", "IDENTIFICATION");
        city.selectOption("select[name=severity]", "SERIOUS");
        city.fill(
                "input[name=deadline]",
                LocalDate.now(TestData.ZONE).plusDays(30).toString());
        city.fill("input[name=title]", "抽查发现错退 1 户");
        city.fill("textarea[name=description]", "风险消除后家庭人均纯收入仍低于监测线");
        city.click("form.step button.primary");
        city.waitForSelector("ol.timeline");
        String findingUrl = city.url();
        assertThat(city.textContent("main")).contains("待整改", householdNo, "红安县乡村振兴局");
        // the issuing level does not rectify
        assertThat(city.locator("form[action$='/steps']").count()).isZero();

        // the county rectifies and asks to close
        Page county = as("web-county", "COUNTY", TestData.COUNTY, 1366);
        // the county's home says what waits for it in 整改
        assertThat(county.textContent("#finding-work")).contains("待整改", "1");
        county.click("nav a[href='/findings']");
        county.click("table#findings a[href='" + findingUrl.substring(findingUrl.indexOf("/findings")) + "']");
        assertThat(county.locator("form[action$='/sign-off']").count()).isZero();
        county.fill("form[action$='/steps'] textarea[name=text]", "重新入户核实收入，按程序重新纳入监测，落实产业帮扶");
        county.click("form[action$='/steps'] button");
        county.waitForSelector("form[action$='/close-request']");
        county.fill("form[action$='/close-request'] textarea[name=note]", "已重新纳入监测并落实帮扶措施");
        county.click("form[action$='/close-request'] button");
        county.waitForSelector("h2 .tag:has-text('申请销号')");
        assertThat(county.locator("form[action$='/close-request']").count()).isZero();

        // the city's home has the closure to sign off; it sends it back without a reason: refused, on the page; then
        // with one; then signs it off
        city.navigate(url("/"));
        assertThat(city.textContent("#finding-work")).contains("待审核销号");
        city.click("#finding-work a[href*='CLOSE_REQUESTED']");
        city.click("table#findings a[href='" + findingUrl.substring(findingUrl.indexOf("/findings")) + "']");
        city.waitForSelector("form[action$='/sign-off']");
        city.selectOption("select[name=approved]", "false");
        city.click("form[action$='/sign-off'] button");
        city.waitForSelector(".alert.error");
        assertThat(city.textContent(".alert.error")).contains("必填");
        // the decision comes back as chosen
        assertThat(city.inputValue("select[name=approved]")).isEqualTo("false");
        city.fill("form[action$='/sign-off'] textarea[name=note]", "未见帮扶措施佐证");
        city.click("form[action$='/sign-off'] button");
        city.waitForSelector("ol.timeline li strong:has-text('退回整改')");
        county.navigate(findingUrl);
        county.fill("form[action$='/steps'] textarea[name=text]", "补充帮扶台账和入户照片");
        county.click("form[action$='/steps'] button");
        county.waitForSelector("form[action$='/close-request']");
        county.fill("form[action$='/close-request'] textarea[name=note]", "佐证已补充");
        county.click("form[action$='/close-request'] button");
        county.waitForSelector("h2 .tag:has-text('申请销号')");
        city.navigate(findingUrl);
        city.selectOption("select[name=approved]", "true");
        city.click("form[action$='/sign-off'] button");
        city.waitForSelector("form[action$='/reopen']");
        assertThat(city.textContent("h2")).contains("已销号");
        assertThat(city.locator("ol.timeline li").allTextContents())
                .extracting(t -> t.strip().split("\\s+")[0])
                .containsExactly("交办", "整改措施", "申请销号", "退回整改", "整改措施", "申请销号", "审核销号");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("finding.png"))
                .setFullPage(true));

        // the city interviews the county's deputy head about it, from the finding's page
        city.click("a[href^='/interviews?finding=']");
        city.waitForSelector("form[action='/interviews']");
        assertThat(city.inputValue("select[name=region]")).isEqualTo(TestData.COUNTY);
        String findingId = findingUrl.substring(findingUrl.lastIndexOf('/') + 1);
        assertThat(city.inputValue("input[name=findings]")).isEqualTo(findingId);
        city.fill("input[name=interviewee]", "张某");
        city.fill("input[name=post]", "副县长");
        city.fill("input[name=interviewer]", "王某（市乡村振兴局局长）");
        city.fill("textarea[name=reason]", "抽查发现错退，整改曾被退回");
        city.fill("textarea[name=undertaking]", "一个月内开展全县回头看");
        city.click("form[action='/interviews'] button.primary");
        city.waitForSelector("form[action$='/follow-up']");
        assertThat(city.textContent("main")).contains("张某 · 副县长", "问题 " + findingId);
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("interview.png"))
                .setFullPage(true));
        city.navigate(findingUrl);
        assertThat(city.textContent("main")).contains("张某");
        city.navigate(url("/findings"));
        assertThat(city.textContent("table#findings")).contains("已销号");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("findings.png"))
                .setFullPage(true));
        for (Page p : List.of(city, inspector, county)) {
            p.context().close();
        }
    }

    @Test
    void aCityOpensAndScoresAPlanAndTheCountyReadsItsScorecard() {
        if (jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            demo.load(3000, 11);
        }
        // plans other tests left would count towards the county's two a year
        jdbc.sql("delete from scorecard_household").update();
        jdbc.sql("delete from scorecard_indicator").update();
        jdbc.sql("delete from assessment_plan_county").update();
        jdbc.sql("delete from assessment_plan").update();
        LocalDate today = LocalDate.now(TestData.ZONE);
        Page city = as("web-city", "CITY", TestData.CITY, 1366);
        city.click("nav a[href='/assessment/plans']");
        city.fill("input[name=name]", today.getYear() + " 年度巩固拓展脱贫攻坚成果考核");
        city.selectOption("select[name=kind]", "ANNUAL");
        city.fill("input[name=asOf]", today.toString());
        city.check("input[name=counties][value='" + TestData.COUNTY + "']");
        city.click("form.step button.primary");
        city.waitForSelector("form[action$='/score']");
        assertThat(city.textContent("dl.facts")).contains("年度考核", "黄冈市", "无需审批", "未计算");
        city.click("form[action$='/score'] button");
        city.waitForSelector("#scorecard table#indicators");
        String table = city.textContent("table#indicators");
        assertThat(table).contains("返贫致贫发生率", "错退率", "住房安全有保障", "走访达标率", "12个月及以上");
        // no code reaches the page
        assertThat(city.textContent("main"))
                .doesNotContain("AT_LEAST", "HOUSEHOLDS", "MONITORED", "RISK_UNELIMINATED", "UNKNOWN", "GUARANTEE");
        city.waitForSelector("#scorecard .chart canvas, #scorecard .chart svg");
        city.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assessment-scorecard.png"))
                .setFullPage(true));
        String planUrl = city.url().replaceAll("[?#].*", "");
        long planId = Long.parseLong(planUrl.substring(planUrl.lastIndexOf('/') + 1));
        // the households behind a figure (one with a verdict and households against it): exactly those kept with it
        java.util.Map<String, Object> most = jdbc.sql("""
                        select h.indicator_code, count(*) as n from scorecard_household h
                        join scorecard_indicator i using (plan_id, county_code, indicator_code)
                        where h.plan_id = ? and i.met is not null group by 1 order by 2 desc, 1 limit 1""").param(planId).query().singleRow();
        city.click("tr#i-" + most.get("indicator_code") + " a");
        city.waitForSelector("table#against");
        assertThat(city.locator("table#against tbody tr").count()).isEqualTo(((Number) most.get("n")).intValue());

        // the county reads its scorecard on a phone, and cannot score or approve
        Page county = as("web-county", "COUNTY", TestData.COUNTY, 390);
        county.navigate(url("/assessment/plans"));
        county.click("table#plans a[href='/assessment/plans/" + planId + "']");
        county.waitForSelector("#scorecard table#indicators");
        assertThat(county.locator("form[action$='/score']").count()).isZero();
        assertThat(county.textContent("#scorecard h2")).contains("红安县");
        assertFitsThePhone(county);
        county.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assessment-scorecard-phone.png"))
                .setFullPage(true));
        // its own self-assessment: computed now, never official
        county.navigate(url("/assessment/self"));
        county.waitForSelector("#scorecard table#indicators");
        assertThat(county.textContent("#scorecard")).contains("自评");
        assertFitsThePhone(county);
    }

    private static void assertFitsThePhone(Page page) {
        // a viewport just narrowed lays out again (charts on their resize event): give it up to five seconds
        try {
            page.waitForFunction(
                    "() => document.documentElement.scrollWidth <= 390",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(5000));
        } catch (TimeoutError e) {
            // measured below, with the page's address in the failure
        }
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth"))
                .as(() -> page.url() + " scrolls sideways")
                .isLessThanOrEqualTo(390);
    }
}
