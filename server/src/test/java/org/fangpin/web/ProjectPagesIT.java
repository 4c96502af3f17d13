package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
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
 * 项目资金 in a browser: a village cadre applies on a phone; the township passes it on; the county records the
 * sector's opinion, lists and publicises it, ends the publicity, records an allocation, approves the project, assigns
 * and pays funds, and the works are reported, completed and accepted; the results' publicity over, the county closes
 * the project and registers its asset from it (a refused field coming back beside the form), records its first income
 * and the village's distribution plan; the asset ledger's chart and table add up; a village cadre reads it on a phone —
 * each step on its page, in words.
 */
@WebServerTest
class ProjectPagesIT {

    static final Path SHOTS = Paths.get("target", "screenshots");
    static final String PW = "Project-pass-2026";

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

    /** Submits a form by its button and waits for the page the server answers with (not the page it was on). */
    private static void submit(Page page, String button) {
        page.evaluate("document.body.setAttribute('data-sent', '1')");
        page.click(button);
        page.waitForSelector("body:not([data-sent]) .alert.ok, body:not([data-sent]) .alert.error");
        assertThat(page.locator(".alert.error").count())
                .as(() -> page.locator(".alert.error").count() > 0 ? page.textContent(".alert.error") : "")
                .isZero();
    }

    @Test
    void aProjectIsAppliedForOnAPhoneAndTakenToItsAcceptanceByTheCounty() {
        if (jdbc.sql("select count(*) from region where level = 5")
                        .query(Long.class)
                        .single()
                == 0) {
            demo.load(3000, 11);
        }
        Map<String, Object> v = jdbc.sql("""
                        select r.code as village, r.parent_code as township, t.parent_code as county
                        from region r join region t on t.code = r.parent_code
                        where r.level = 5 and r.valid_to is null order by r.code limit 1""").query().singleRow();
        String village = (String) v.get("village");
        String county = (String) v.get("county");
        LocalDate today = LocalDate.now(TestData.ZONE);

        // the village applies on a phone
        Page cadre = as("web-p-village", "VILLAGE", village, 390);
        cadre.navigate("http://localhost:" + port + "/projects/new");
        cadre.fill("input[name=appliedOn]", today.minusDays(25).toString());
        cadre.fill("input[name=name]", "村级光伏电站");
        cadre.selectOption("select[name=type]", "INDUSTRY");
        cadre.selectOption("select[name=department]", "AGRICULTURE");
        cadre.fill("input[name=place]", "村委会屋顶");
        cadre.fill("textarea[name=content]", "建设 100 千瓦分布式光伏电站");
        cadre.check("input[name=benefitLinks][value=COLLECTIVE_INCOME]");
        cadre.fill("input[name=plannedHouseholds]", "35");
        cadre.fill("input[name=plannedPersons]", "110");
        cadre.fill("input[name=plannedPoorHouseholds]", "9");
        cadre.fill("input[name=budget_CENTRAL_LINKAGE]", "400000");
        cadre.fill("input[name=target_indicator_0]", "村集体年增收");
        cadre.fill("input[name=target_value_0]", "不少于4万元");
        assertThat((Integer) cadre.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        cadre.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project-new-phone.png"))
                .setFullPage(true));
        cadre.click("form.step button.primary");
        cadre.waitForURL(java.util.regex.Pattern.compile(".*/projects/\\d+$"));
        assertThat(cadre.textContent("#stage")).isEqualTo("待乡镇审核");
        long id = Long.parseLong(cadre.url().replaceAll(".*/projects/(\\d+).*", "$1"));

        // the township finds it in its 待办 list and passes it on
        Page township = as("web-p-town", "TOWNSHIP", (String) v.get("township"), 1366);
        township.navigate("http://localhost:" + port + "/inbox?action=REVIEW_PROJECT");
        assertThat(township.textContent(".counts .on")).contains("项目审核");
        township.click("a[href$='/projects/" + id + "']");
        township.waitForURL("**/projects/" + id);
        township.selectOption("form[action$='/township-review'] select[name=approved]", "true");
        township.fill(
                "form[action$='/township-review'] input[name=reviewedOn]",
                today.minusDays(24).toString());
        submit(township, "form[action$='/township-review'] button");
        assertThat(township.textContent("#stage")).isEqualTo("待行业部门审核");

        // the county: the sector's opinion, the decision with a publicity begun 20 days ago, its end
        Page c = as("web-p-county", "COUNTY", county, 1366);
        String page = "http://localhost:" + port + "/projects/" + id;
        c.navigate(page);
        c.selectOption("form[action$='/department-review'] select[name=approved]", "true");
        c.fill(
                "form[action$='/department-review'] input[name=reviewedOn]",
                today.minusDays(23).toString());
        c.fill("form[action$='/department-review'] textarea[name=note]", "农业农村局：符合产业规划");
        submit(c, "form[action$='/department-review'] button");
        String from = today.minusDays(20).toString();
        c.selectOption("form[action$='/decision'] select[name=approved]", "true");
        c.fill("form[action$='/decision'] input[name=decisionNo]", "县政〔2026〕12号");
        c.fill("form[action$='/decision'] input[name=decidedOn]", from);
        c.fill("form[action$='/decision'] input[name=publicityFrom]", from);
        c.fill("form[action$='/decision'] input[name=publicityPlace]", "村务公开栏、县政府网站");
        submit(c, "form[action$='/decision'] button");
        assertThat(c.textContent("#stage")).isEqualTo("入库公示中");
        submit(c, "form[action$='/publicity-end'] button");
        assertThat(c.textContent("#stage")).isEqualTo("已入库待立项");

        // an allocation on the list page, then 立项, funds and a payment
        c.navigate("http://localhost:" + port + "/projects");
        c.selectOption("#allocations select[name=county]", county);
        c.selectOption("#allocations select[name=source]", "CENTRAL_LINKAGE");
        c.fill("#allocations input[name=documentNo]", "财农〔2026〕8号");
        c.fill("#allocations input[name=amount]", "1000000");
        submit(c, "#allocations button.primary");
        c.navigate(page);
        c.fill("form[action$='/approval'] input[name=approvalNo]", "县乡振〔2026〕3号");
        c.fill(
                "form[action$='/approval'] input[name=approvedOn]",
                today.minusDays(10).toString());
        c.fill(
                "form[action$='/approval'] input[name=plannedStart]",
                today.minusDays(10).toString());
        c.fill(
                "form[action$='/approval'] input[name=plannedEnd]",
                today.plusDays(60).toString());
        submit(c, "form[action$='/approval'] button");
        assertThat(c.textContent("#stage")).isEqualTo("实施中");
        c.fill("form[action$='/lines'] input[name=amount]", "400000");
        submit(c, "form[action$='/lines'] button");
        c.fill("form[action$='/payments'] input[name=amount]", "150000");
        c.selectOption("form[action$='/payments'] select[name=payeeKind]", "ENTERPRISE");
        c.fill("form[action$='/payments'] input[name=payeeName]", "县能源建设有限公司");
        c.fill("form[action$='/payments'] input[name=voucherNo]", "记-2026-031");
        submit(c, "form[action$='/payments'] button.primary");
        assertThat(c.textContent("#payments")).contains("县能源建设有限公司", "150,000.00");
        // works reported and completed, then accepted (ten days ago, so that the results' publicity is over)
        String works = today.minusDays(10).toString();
        c.fill("form[action$='/progress'] input[name=reportedOn]", works);
        c.fill("form[action$='/progress'] input[name=percent]", "60");
        c.fill("form[action$='/progress'] input[name=milestone]", "组件安装完成");
        submit(c, "form[action$='/progress'] button");
        c.fill("form[action$='/completion'] input[name=completedOn]", works);
        c.fill("form[action$='/completion'] input[name=finalCost]", "398000");
        submit(c, "form[action$='/completion'] button");
        c.selectOption("form[action$='/acceptance'] select[name=passed]", "true");
        c.fill("form[action$='/acceptance'] input[name=team]", "县农业农村局、县财政局、乡镇");
        c.fill("form[action$='/acceptance'] input[name=acceptedOn]", works);
        c.fill("form[action$='/acceptance'] textarea[name=result]", "并网发电，质量合格");
        submit(c, "form[action$='/acceptance'] button");
        assertThat(c.textContent("#stage")).isEqualTo("验收合格·结果公示中");
        assertThat(c.textContent("#timeline")).contains("村级申报", "乡镇审核通过", "公示期满入库", "立项", "拨付资金", "验收合格");
        assertThat(c.textContent("main")).doesNotContain("IN_PROGRESS", "CENTRAL_LINKAGE", "ENTERPRISE", "project.");
        c.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("project.png"))
                .setFullPage(true));

        // the results' publicity is over: the project is closed and its asset registered from it
        submit(c, "form[action$='/result-publicity-end'] button");
        assertThat(c.textContent("#stage")).isEqualTo("已结项");
        c.click("#register-asset");
        c.waitForURL("**/assets/new?project=" + id);
        assertThat(c.inputValue("input[name=value]")).isEqualTo("398000.00");
        assertThat(c.inputValue("input[name=source_amount_0]")).isEqualTo("398000.00");
        assertThat(c.inputValue("input[name=source_project_0]")).isEqualTo(String.valueOf(id));
        c.selectOption("select[name=assetClass]", "OPERATING");
        c.selectOption("select[name=titleLevel]", "VILLAGE");
        c.fill("input[name=holder]", "村股份经济合作社");
        c.fill("input[name=operator]", "村股份经济合作社");
        c.fill("input[name=operatingMode]", "自营");
        c.fill("textarea[name=distributionPlan]", "发电收益的 40% 用于公益岗位，其余用于管护和村级公益事业");
        c.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("asset-new.png"))
                .setFullPage(true));
        // first without an operator: the form comes back with the reason beside the field
        c.fill("input[name=operator]", "");
        c.evaluate("document.querySelector('input[name=operator]').removeAttribute('required')");
        c.evaluate("document.body.setAttribute('data-sent', '1')");
        c.click("#asset-form button.primary");
        c.waitForSelector("body:not([data-sent]) .alert.error");
        assertThat(c.textContent(".alert.error")).contains("经营主体");
        assertThat(c.inputValue("input[name=holder]")).isEqualTo("村股份经济合作社");
        c.fill("input[name=operator]", "村股份经济合作社");
        submit(c, "#asset-form button.primary");
        assertThat(c.url()).matches(".*/assets/\\d+$");
        assertThat(c.textContent("#status")).isEqualTo("在用");
        assertThat(c.textContent("#sources")).contains("398,000.00");
        // its first income, planned by the village's representatives and publicised
        c.fill("form[action$='/incomes'] input[name=periodFrom]", works);
        c.fill(
                "form[action$='/incomes'] input[name=periodTo]",
                today.minusDays(1).toString());
        c.fill("form[action$='/incomes'] input[name=amount]", "6000");
        submit(c, "form[action$='/incomes'] button");
        c.fill("form[action$='/plan'] input[name=meetingNote]", "应到 30 人，实到 27 人，全票通过");
        c.fill("form[action$='/plan'] input[name=publicityPlace]", "村务公开栏");
        c.selectOption("form[action$='/plan'] select[name=row_use_0]", "PUBLIC_WELFARE_POST");
        c.fill("form[action$='/plan'] input[name=row_amount_0]", "2400");
        c.selectOption("form[action$='/plan'] select[name=row_use_1]", "MAINTENANCE");
        c.fill("form[action$='/plan'] input[name=row_amount_1]", "3600");
        submit(c, "form[action$='/plan'] button");
        assertThat(c.textContent("#incomes")).contains("分配方案公示中", "公益岗位", "2,400.00");
        // a new operator, with the reason: without one the form comes back open, what was typed kept
        c.click("#amend summary");
        c.fill("#amend input[name=operator]", "桃园光伏专业合作社");
        c.evaluate("document.querySelector('#amend input[name=reason]').removeAttribute('required')");
        c.evaluate("document.body.setAttribute('data-sent', '1')");
        c.click("#amend button.primary");
        c.waitForSelector("body:not([data-sent]) .alert.error");
        assertThat(c.isVisible("#amend input[name=reason]")).isTrue();
        assertThat(c.inputValue("#amend input[name=operator]")).isEqualTo("桃园光伏专业合作社");
        assertThat(c.textContent("#amend")).contains("原因");
        c.fill("#amend input[name=reason]", "经营主体变更为专业合作社");
        submit(c, "#amend button.primary");
        assertThat(c.textContent(".facts")).contains("桃园光伏专业合作社");
        assertThat(jdbc.sql("select operator from asset where id = ?")
                        .param(Long.parseLong(c.url().replaceAll(".*/", "")))
                        .query(String.class)
                        .single())
                .isEqualTo("桃园光伏专业合作社");
        assertThat(c.textContent("main")).doesNotContain("OPERATING", "PUBLIC_WELFARE_POST", "asset.");
        c.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("asset.png")).setFullPage(true));
        // the ledger of assets: the chart and its numbers, as the rows add up
        c.navigate("http://localhost:" + port + "/assets");
        c.waitForSelector(".chart canvas, .chart svg");
        Map<String, Object> assets = jdbc.sql("select count(*) as n, sum(value) as v from asset where county_code = ?")
                .param(county)
                .query()
                .singleRow();
        assertThat(c.textContent("#by-class")).contains(String.format("%,.2f", assets.get("v")));
        // 总账 = Σ 明细账, checked and shown
        assertThat(c.textContent("#ledger-check"))
                .contains("一致", String.format("%,.2f", assets.get("v")))
                .doesNotContain("不一致");
        c.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("assets.png"))
                .setFullPage(true));
        Page phone = as("web-a-village", "VILLAGE", village, 390);
        phone.navigate("http://localhost:" + port + "/assets");
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.click("#assets a");
        phone.waitForURL(java.util.regex.Pattern.compile(".*/assets/\\d+$"));
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("asset-phone.png"))
                .setFullPage(true));

        // the demo's tea factory: the households it reaches; a demo project a measure names, the measures naming it
        long tea = jdbc.sql("select id from project where name = '桃园村茶叶加工厂'")
                .query(Long.class)
                .single();
        long named = jdbc.sql("select min(project_id) from assistance_measure")
                .query(Long.class)
                .single();
        Map<String, Object> reach =
                jdbc.sql("""
                        select (select count(*) from project_beneficiary where project_id = :p) as households,
                               (select count(distinct household_id) from assistance_measure
                                where project_id = :n and status <> 'CANCELLED') as measured,
                               (select count(*) from assistance_measure
                                where project_id = :n and status <> 'CANCELLED') as measures""").param("p", tea).param("n", named).query().singleRow();
        assertThat(((Number) reach.get("households")).longValue()).isPositive();
        assertThat(((Number) reach.get("measures")).longValue()).isPositive();
        c.navigate("http://localhost:" + port + "/projects/" + tea);
        assertThat(c.textContent("#beneficiaries")).contains("已登记 " + reach.get("households") + " 户");
        // the demo's agriculture feed paid 1,500 under the project's number to the first four households it reaches
        long paidRows = Math.min(4, ((Number) reach.get("households")).longValue());
        assertThat(c.textContent("#feed-totals")).contains(paidRows + " 笔", String.format("%,.2f", paidRows * 1500.0));
        // 东西部协作 helped build it: the partner's delivery beside the project, as the deliveries table has it
        Map<String, Object> partner = jdbc.sql("""
                        select u.name, d.delivered_on from partnership_delivery d
                        join partnership p on p.id = d.partnership_id join assist_unit u on u.id = p.unit_id
                        where d.project_id = ? and d.withdrawn_at is null order by d.delivered_on, d.id limit 1""").param(tea).query().singleRow();
        long partnerRows = jdbc.sql(
                        "select count(*) from partnership_delivery where project_id = ? and withdrawn_at is null")
                .param(tea)
                .query(Long.class)
                .single();
        assertThat(partnerRows).isPositive();
        assertThat(c.locator("#partner-deliveries tbody tr").count()).isEqualTo((int) partnerRows);
        assertThat(c.textContent("#partner-deliveries"))
                .contains(
                        "协作帮扶到位",
                        "东西部协作",
                        "援建项目",
                        "1 个",
                        (String) partner.get("name"),
                        partner.get("delivered_on").toString());
        c.locator("#partner-deliveries")
                .screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("project-partner-deliveries.png")));
        phone.navigate("http://localhost:" + port + "/projects/" + tea + "?lang=en");
        assertThat(phone.textContent("#partner-deliveries"))
                .contains("East–west collaboration", "Projects built", "1 project")
                .doesNotContain("1 projects")
                .doesNotContain("PROJECTS", "EAST_WEST", "partnership.");
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("project-phone-en.png")));
        phone.locator("#partner-deliveries")
                .screenshot(new Locator.ScreenshotOptions()
                        .setPath(SHOTS.resolve("project-partner-deliveries-phone-en.png")));
        c.navigate("http://localhost:" + port + "/projects/" + named);
        assertThat(c.textContent(".facts"))
                .contains("帮扶措施", reach.get("measured") + " 户 · " + reach.get("measures") + " 项措施");
        c.navigate("http://localhost:" + port + "/projects");
        c.waitForSelector(".chart canvas, .chart svg");
        // the county's year as its rows add up (the demo's projects included), counted here apart from the platform
        Map<String, Object> sums = jdbc.sql("""
                        select (select sum(amount) from fund_allocation where county_code = ? and year = ?) as received,
                               (select sum(l.amount) from funding_line l join fund_allocation a on a.id = l.allocation_id
                                where a.county_code = ? and a.year = ?) as assigned,
                               (select sum(d.amount) from disbursement d join funding_line l on l.id = d.line_id
                                join fund_allocation a on a.id = l.allocation_id
                                where a.county_code = ? and a.year = ?) as paid""")
                .params(county, today.getYear(), county, today.getYear(), county, today.getYear())
                .query()
                .singleRow();
        assertThat(c.textContent("#fund-summary"))
                .contains(
                        String.format("%,.2f", sums.get("received")),
                        String.format("%,.2f", sums.get("assigned")),
                        String.format("%,.2f", sums.get("paid")));
        assertThat(c.textContent("main")).doesNotContain("CENTRAL_LINKAGE", "RESULT_PUBLICITY", "project.");
        c.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("projects.png"))
                .setFullPage(true));
    }
}
