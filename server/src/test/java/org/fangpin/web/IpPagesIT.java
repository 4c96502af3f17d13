package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.LocalDate;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 高校知识产权 in a browser, as a university's IP office: a disclosure whose shares do not add up comes back in words
 * with what was typed; evaluated, filed, its fees booked (an inventor's fee from public funds refused), licensed to a
 * cooperative of a demo village and paid; the split shown line by line equals the one computed here from the tables.
 * The portfolio's charts have their table; the page reads in English on a phone without a code in sight; another
 * university's office finds nothing.
 */
@WebServerTest
class IpPagesIT extends BrowserPageTest {

    private long university(String name) {
        return jdbc.sql("insert into ip_university (name, region_code, created_by) values (?, ?, 't') returning id")
                .params(name, COUNTY)
                .query(Long.class)
                .single();
    }

    /** A university's office signed in; its home is the portfolio. */
    private Page office(String user, long university, int width, String locale) {
        TestData.user(jdbc, encoder, user, "UNIVERSITY", COUNTY, PW, false);
        jdbc.sql("insert into ip_university_user (username, university_id, created_by) values (?, ?, 't')"
                        + " on conflict (username) do update set university_id = excluded.university_id")
                .params(user, university)
                .update();
        Page page = browser.newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, 900)
                        .setLocale(locale))
                .newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PW);
        page.click("button[type=submit]");
        page.waitForURL("**/ip");
        return page;
    }

    private BigDecimal sum(String sql) {
        return jdbc.sql(sql).query(BigDecimal.class).list().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void anOfficeDisclosesEvaluatesFilesLicensesAndSeesTheSplit() {
        demoCounty();
        long mine = university("页面测试大学");
        long other = university("另一所大学");
        LocalDate today = LocalDate.now(TestData.ZONE);
        String village = jdbc.sql(
                        "select code from region where level = 5 and code like '421122%' order by code limit 1")
                .query(String.class)
                .single();

        Page u = office("web-ip-office", mine, 1366, "zh-CN");
        assertThat(u.textContent("h1")).contains("高校知识产权", "页面测试大学");
        // shares adding up to 90: refused in words, the lines kept
        u.fill("#add-disclosure input[name=title]", "一种茶树抗寒栽培方法");
        u.fill("#add-disclosure input[name=disclosedOn]", today.minusYears(4).toString());
        u.fill("#add-disclosure textarea[name=inventorLines]", "张三 T1001 60\n李四 T1002 30");
        submit(u, "#add-disclosure button", false);
        assertThat(u.textContent(".alert.error")).contains("合计须为 100%");
        assertThat(u.inputValue("#add-disclosure textarea[name=inventorLines]")).contains("李四 T1002 30");
        u.fill("#add-disclosure input[name=title]", "一种茶树抗寒栽培方法");
        u.fill("#add-disclosure input[name=disclosedOn]", today.minusYears(4).toString());
        u.fill("#add-disclosure textarea[name=inventorLines]", "张三 T1001 60\n李四 T1002 40");
        submit(u, "#add-disclosure button", true);
        assertThat(u.url()).matches(".*/ip/disclosures/\\d+$");
        assertThat(u.textContent("#inventor-table")).contains("张三", "60%", "李四", "40%");

        // no patent before an evaluation decided to file
        u.fill("#add-patent input[name=number]", "ZL202210123456.7");
        u.fill(
                "#add-patent input[name=filedOn]",
                today.minusYears(4).plusDays(30).toString());
        u.fill("#add-patent input[name=inventorShare]", "60");
        submit(u, "#add-patent button", false);
        assertThat(u.textContent(".alert.error")).contains("申请专利");
        u.selectOption("#evaluate select[name=evaluatorKind]", "MARKET");
        u.fill("#evaluate input[name=evaluator]", "某知识产权评估公司");
        u.fill(
                "#evaluate input[name=evaluatedOn]",
                today.minusYears(4).plusDays(10).toString());
        u.fill("#evaluate input[name=cost]", "1000");
        u.fill("#evaluate input[name=market]", "茶区需求大");
        u.selectOption("#evaluate select[name=decision]", "FILE");
        u.fill("#evaluate input[name=decidedBy]", "王主任");
        submit(u, "#evaluate button", true);
        assertThat(u.textContent("#evaluation-table")).contains("申请专利", "茶区需求大", "1,000.00");
        u.fill("#add-patent input[name=number]", "ZL202210123456.7");
        u.fill(
                "#add-patent input[name=filedOn]",
                today.minusYears(4).plusDays(30).toString());
        u.fill(
                "#add-patent input[name=grantedOn]",
                today.minusYears(3).minusDays(10).toString());
        u.fill("#add-patent input[name=inventorShare]", "60");
        submit(u, "#add-patent button", true);
        assertThat(u.url()).matches(".*/ip/patents/\\d+$");
        long patent = Long.parseLong(u.url().replaceAll(".*/", ""));

        // fees: an inventor's from public funds is refused (000:94)
        u.selectOption("#add-fee select[name=kind]", "ANNUAL");
        u.fill("#add-fee input[name=paidOn]", today.minusYears(1).toString());
        u.fill("#add-fee input[name=amount]", "900");
        u.selectOption("#add-fee select[name=payer]", "INVENTOR");
        u.selectOption("#add-fee select[name=fundSource]", "FISCAL");
        submit(u, "#add-fee button", false);
        assertThat(u.textContent(".alert.error")).contains("财政资金");
        assertThat(jdbc.sql("select count(*) from ip_fee f join ip_patent p on p.id = f.patent_id"
                                + " where p.university_id = " + mine)
                        .query(Long.class)
                        .single())
                .isZero();
        u.selectOption("#add-fee select[name=kind]", "APPLICATION");
        u.fill("#add-fee input[name=paidOn]", today.minusYears(4).plusDays(30).toString());
        u.fill("#add-fee input[name=amount]", "3000");
        u.selectOption("#add-fee select[name=payer]", "UNIVERSITY");
        u.selectOption("#add-fee select[name=fundSource]", "FISCAL");
        submit(u, "#add-fee button", true);
        u.selectOption("#add-fee select[name=kind]", "ANNUAL");
        u.fill("#add-fee input[name=paidOn]", today.minusYears(1).toString());
        u.fill("#add-fee input[name=amount]", "2345.67");
        u.selectOption("#add-fee select[name=payer]", "INVENTOR");
        u.selectOption("#add-fee select[name=fundSource]", "OWN");
        submit(u, "#add-fee button", true);

        // a licence to a cooperative of a demo village (科技帮扶), and the money received
        u.selectOption("#add-deal select[name=form]", "LICENCE");
        u.selectOption("#add-deal select[name=licenceKind]", "GENERAL");
        u.fill("#add-deal input[name=counterparty]", "东村茶叶专业合作社");
        u.selectOption("#add-deal select[name=counterpartyKind]", "COOPERATIVE");
        u.fill("#add-deal input[name=region]", village);
        u.fill("#add-deal input[name=signedOn]", today.minusYears(1).toString());
        u.fill("#add-deal input[name=contractNo]", "HT-2025-08");
        u.fill("#add-deal input[name=amount]", "50000");
        submit(u, "#add-deal button", true);
        assertThat(u.textContent("#deals")).contains("科技帮扶", "东村茶叶专业合作社", "普通许可");
        u.fill("#deals form input[name=receivedOn]", today.minusMonths(1).toString());
        u.fill("#deals form input[name=amount]", "50000");
        submit(u, "#deals form button", true);

        // the split, recomputed from the tables: the inventors' fees twice, back to them, the rest 60/40
        BigDecimal income = sum("select r.amount from ip_receipt r join ip_transaction t on t.id = r.transaction_id"
                + " join ip_patent p on p.id = t.patent_id where p.university_id = " + mine);
        BigDecimal uFees =
                sum("select f.amount from ip_fee f join ip_patent p on p.id = f.patent_id where f.payer = 'UNIVERSITY'"
                        + " and p.university_id = " + mine);
        BigDecimal doubled =
                sum("select f.amount from ip_fee f join ip_patent p on p.id = f.patent_id where f.payer = 'INVENTOR'"
                                + " and p.university_id = " + mine)
                        .multiply(BigDecimal.valueOf(2));
        BigDecimal costs = sum("select e.cost from ip_evaluation e join ip_disclosure d on d.id = e.disclosure_id"
                        + " where d.university_id = " + mine)
                .add(sum("select t.costs from ip_transaction t join ip_patent p on p.id = t.patent_id"
                        + " where p.university_id = " + mine));
        BigDecimal net = income.subtract(uFees).subtract(doubled).subtract(costs);
        BigDecimal inventors = net.multiply(BigDecimal.valueOf(60))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                .add(doubled);
        DecimalFormat yuan = new DecimalFormat("#,##0.00");
        String split = u.textContent("#split-table");
        assertThat(split)
                .contains("发明人承担的专利费用（加倍扣除）", "加倍返还发明人的专利费用")
                .contains(yuan.format(inventors), yuan.format(income.subtract(inventors)), yuan.format(net));
        assertThat(u.textContent("#split")).contains("发明人承担部分专利费用");
        shot(u, "ip-patent.png");

        // the portfolio: the years charted and tabled with the same money
        u.navigate(url("/ip"));
        u.waitForSelector(".chart canvas, .chart svg");
        assertThat(u.textContent("#year-table")).contains(yuan.format(income));
        assertThat(u.textContent("#patent-table")).contains("ZL202210123456.7", "已授权", yuan.format(income));
        shot(u, "ip.png");

        // last year's deal waits for its 备案 (overdue in December); the table is prepared as a download
        assertThat(u.textContent("#filing-table")).contains("ZL202210123456.7", "HT-2025-08");
        var download = u.waitForDownload(() -> u.click("#prepare-filing button"));
        assertThat(download.suggestedFilename()).endsWith(".xlsx");
        assertThat(jdbc.sql("select deals from ip_filing where university_id = ?")
                        .param(mine)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        u.navigate(url("/ip"));
        assertThat(u.textContent("#filing")).contains("web-ip-office");

        // a CNIPA notice of an irregular application, counted in its quarter
        u.fill("#add-irregular input[name=applicationNo]", "202610999999.1");
        u.fill("#add-irregular input[name=notifiedOn]", today.toString());
        submit(u, "#add-irregular button", true);
        // this year: one notice and no application filed is over the share, and the warning says what it costs
        assertThat(u.textContent("#irregular-table tbody tr:first-child"))
                .contains(Integer.toString(today.getYear()), "超线");
        assertThat(u.textContent("#irregular-table tbody tr:last-child")).contains("未超线");
        assertThat(u.textContent(".alert.warn")).contains("中国专利奖");

        // a review by representative works: the patent cited with its innovation, a reviewer without an interest
        u.navigate(url("/ip/reviews"));
        u.selectOption("#add-review select[name=subjectKind]", "PERSON");
        u.fill("#add-review input[name=subject]", "张三");
        u.selectOption("#add-review select[name=researchType]", "TRANSFER");
        u.fill("#add-review input[name=purpose]", "职称评审");
        u.selectOption("#add-review select[name='works[0].kind']", "PATENT");
        u.fill("#add-review input[name='works[0].title']", "一种茶树抗寒栽培方法");
        u.selectOption("#add-review select[name='works[0].patentId']", Long.toString(patent));
        u.fill("#add-review input[name='works[0].innovation']", "解决高海拔茶区冻害，已许可合作社实施");
        u.fill("#add-review input[name='reviewers[0].name']", "周教授");
        submit(u, "#add-review button", false); // the reviewer's declaration is missing
        assertThat(u.textContent(".alert.error")).contains("利益相关声明");
        u.selectOption("#add-review select[name=subjectKind]", "PERSON");
        u.fill("#add-review input[name=subject]", "张三");
        u.selectOption("#add-review select[name=researchType]", "TRANSFER");
        u.fill("#add-review input[name=purpose]", "职称评审");
        u.selectOption("#add-review select[name='works[0].kind']", "PATENT");
        u.fill("#add-review input[name='works[0].title']", "一种茶树抗寒栽培方法");
        u.selectOption("#add-review select[name='works[0].patentId']", Long.toString(patent));
        u.fill("#add-review input[name='works[0].innovation']", "解决高海拔茶区冻害，已许可合作社实施");
        u.fill("#add-review input[name='reviewers[0].name']", "周教授");
        u.selectOption("#add-review select[name='reviewers[0].conflict']", "false");
        submit(u, "#add-review button", true);
        assertThat(u.textContent("#work-table")).contains("解决高海拔茶区冻害", "类别").doesNotContain("费用");
        u.fill("#conclude-review textarea[name=opinion]", "成果转化效益明显");
        submit(u, "#conclude-review button", true);
        assertThat(u.textContent("h2")).contains("通过");
        shot(u, "ip-review.png");

        // the county of the village sees the licence as 科技帮扶, and nothing of its money or inventors
        Page county = as("web-ip-county", "COUNTY", COUNTY, 1366, "zh-CN");
        county.navigate(url("/ip/assistance"));
        String aid = county.textContent("#assistance-table");
        assertThat(aid).contains("页面测试大学", "东村茶叶专业合作社", "50,000.00");
        assertThat(aid).doesNotContain("张三", "李四", "2,345.67");
        shot(county, "ip-assistance.png");

        // in English on a phone: no code on the page
        Page phone = office("web-ip-phone", mine, 390, "en-US");
        phone.navigate(url("/ip/patents/" + patent + "?lang=en"));
        String text = phone.textContent("main");
        assertThat(text).contains("Income split", "Inventors in all", "Non-exclusive");
        assertThat(text).doesNotContain("INVENTOR_PAID_FEES", "GRANTED", "COOPERATIVE", "ip.split.", "ip.party.");
        shot(phone, "ip-patent-phone.png");
        phone.navigate(url("/ip?lang=en"));
        phone.waitForSelector(".chart canvas, .chart svg");
        assertThat(phone.textContent("main")).contains("Filings, grants, deals and income by year");
        shot(phone, "ip-phone.png");

        // another university's office: nothing of it
        Page stranger = office("web-ip-other", other, 1366, "zh-CN");
        assertThat(stranger.textContent("#patents")).contains("暂无专利");
        var response = stranger.navigate(url("/ip/patents/" + patent));
        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void anAdministratorRecordsAUniversityAndTheCountyCountsItsTechnology() {
        demoCounty();
        // the demo university's licence to the village's cooperative, booked to its 科技对口支援 with the county
        Page county = as("web-ip-county2", "COUNTY", COUNTY, 1366, "zh-CN");
        long science = jdbc.sql("select x.id from partnership x join assist_unit u on u.id = x.unit_id"
                        + " where u.university_id is not null and x.kind = 'COUNTERPART_SCIENCE'")
                .query(Long.class)
                .single();
        county.navigate(url("/partnerships/" + science));
        String deliveries = county.textContent("#deliveries");
        assertThat(deliveries).contains("科技成果转化", "桃园村茶叶专业合作社");
        long booked = jdbc.sql("select count(*) from partnership_delivery where partnership_id = ? and item ="
                        + " 'TECHNOLOGY' and ip_deal_id is not null and withdrawn_at is null")
                .param(science)
                .query(Long.class)
                .single();
        assertThat(booked).isEqualTo(1);
        shot(county, "partnership-technology.png");

        // the administrator records a university and its office account, cleared for classified results
        Page admin = as("web-ip-admin", "ADMIN", null, 1366, "zh-CN");
        admin.navigate(url("/admin/universities"));
        assertThat(admin.textContent("main")).contains("华中农业大学（演示）");
        admin.fill("#add input[name=name]", "页面管理大学");
        admin.fill("#add input[name=code]", "4142010504");
        admin.selectOption("#add select[name=region]", "421100000000");
        submit(admin, "#add button", true);
        long id = jdbc.sql("select id from ip_university where name = '页面管理大学'")
                .query(Long.class)
                .single();
        admin.fill("#u" + id + " input[name=username]", "web-ip-new-office");
        admin.fill("#u" + id + " input[name=displayName]", "科技处");
        admin.check("#u" + id + " input[name=cleared]");
        admin.click("#u" + id + " form.step button");
        admin.waitForSelector("#one-time");
        assertThat(admin.textContent("#one-time .one-time-password")).isNotBlank();
        assertThat(admin.textContent("#u" + id + " tbody")).contains("web-ip-new-office", "已授予");
        assertThat(jdbc.sql("select cleared from ip_university_user where username = 'web-ip-new-office'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // the clearance withdrawn: in the table and in the audit
        submit(admin, "#u" + id + " tbody form button", true);
        assertThat(admin.textContent("#u" + id + " tbody")).contains("未授予");
        assertThat(jdbc.sql("select cleared from ip_university_user where username = 'web-ip-new-office'")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        shot(admin, "admin-universities.png");
        // a name taken comes back in words
        admin.fill("#add input[name=name]", "页面管理大学");
        admin.selectOption("#add select[name=region]", "421100000000");
        submit(admin, "#add button", false);
        assertThat(admin.textContent(".alert.error")).contains("页面管理大学");

        // the county records the university as a helping unit, naming its record
        county.navigate(url("/partnerships"));
        county.fill("#add-unit input[name=name]", "页面管理大学");
        county.selectOption("#add-unit select[name=kind]", "UNIVERSITY");
        county.selectOption("#add-unit select[name=universityId]", Long.toString(id));
        submit(county, "#add-unit button", true);
        assertThat(jdbc.sql("select university_id from assist_unit where name = '页面管理大学'")
                        .query(Long.class)
                        .single())
                .isEqualTo(id);

        // in English on a phone
        Page phone = as("web-ip-admin-phone", "ADMIN", null, 390, "en-US");
        phone.navigate(url("/admin/universities?lang=en"));
        String text = phone.textContent("main");
        assertThat(text).contains("Universities", "Record a university", "Not cleared");
        assertThat(text).doesNotContain("ip.", "admin.");
        shot(phone, "admin-universities-phone.png");
    }
}
