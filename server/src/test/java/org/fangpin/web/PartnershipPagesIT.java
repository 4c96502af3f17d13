package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.LocalDate;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 协作帮扶 in a browser, over the demo county: the year's committed and delivered per item are the sums made here from
 * the tables; the county records an enterprise and its partnership with a village, commits the year, books a delivery,
 * is told in words what a purchase without its buyer lacks, and reconciles the year with the signed statement, after
 * which the year takes no more deliveries; the ledger lists the same figures; the page reads in English; a township
 * reads it on a phone without forms.
 */
@WebServerTest
class PartnershipPagesIT extends BrowserPageTest {

    private BigDecimal sum(String table, String item, int year) {
        String extra = table.equals("partnership_delivery") ? " and t.withdrawn_at is null" : "";
        return jdbc.sql("select coalesce(sum(t.quantity), 0) from " + table + " t join partnership x on x.id ="
                        + " t.partnership_id where x.ended_on is null and t.item = ? and t.year = ?" + extra)
                .params(item, year)
                .query(BigDecimal.class)
                .single();
    }

    private static String shown(BigDecimal v, boolean money) {
        return new DecimalFormat(money ? "#,##0.00" : "#,##0").format(v);
    }

    @Test
    void theCountyKeepsAPartnershipFromCommitmentToReconciliation() throws Exception {
        demoCounty();
        int year = LocalDate.now(TestData.ZONE).getYear();
        BigDecimal fundsCommitted = sum("partnership_commitment", "FUNDS", year);
        BigDecimal fundsDelivered = sum("partnership_delivery", "FUNDS", year);
        BigDecimal trainingDelivered = sum("partnership_delivery", "TRAINING", year);
        assertThat(fundsCommitted).as("the demo commits funds this year").isPositive();
        assertThat(fundsDelivered).as("and delivers some").isPositive();

        Page c = as("web-p-county", "COUNTY", COUNTY, 1366, "zh-CN");
        c.navigate(url("/partnerships"));
        c.waitForSelector(".chart canvas, .chart svg");
        String items = c.textContent("#items");
        assertThat(items)
                .contains(shown(fundsCommitted, true), shown(fundsDelivered, true), shown(trainingDelivered, false));
        assertThat(c.textContent("#partnerships")).contains("东西部协作", "浙江省湖州市（演示）");
        shot(c, "partnerships.png");

        // an enterprise, and its partnership with a village of the county
        c.fill("#add-unit input[name=name]", "页面测试企业");
        c.selectOption("#add-unit select[name=kind]", "PRIVATE_ENTERPRISE");
        submit(c, "#add-unit button", true);
        assertThat(c.url()).contains("/partnerships");
        String village = jdbc.sql(
                        "select code from region where level = 5 and code like '421122%' order by code" + " limit 1")
                .query(String.class)
                .single();
        c.selectOption("#add-partnership select[name=kind]", "ENTERPRISE_VILLAGE");
        c.selectOption("#add-partnership select[name=unitId]", new SelectOption().setLabel("页面测试企业 · 民营企业"));
        c.selectOption("#add-partnership select[name=region]", village);
        c.fill(
                "#add-partnership input[name=startedOn]",
                LocalDate.of(year, 1, 1).toString());
        submit(c, "#add-partnership button", true);
        assertThat(c.url()).matches(".*/partnerships/\\d+$");
        long id = Long.parseLong(c.url().replaceAll(".*/", ""));

        // the year's commitments, a delivery, a purchase without its buyer refused in words
        c.fill("#set-commitments input[name=TRAINING]", "20");
        submit(c, "#set-commitments button", true);
        c.selectOption("#add-delivery select[name=item]", "TRAINING");
        c.fill(
                "#add-delivery input[name=deliveredOn]",
                LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-delivery input[name=quantity]", "8");
        submit(c, "#add-delivery button", true);
        assertThat(c.textContent("#items-" + year)).contains("培训", "20", "8", "40.0%");
        c.selectOption("#add-delivery select[name=item]", "CONSUMPTION");
        c.fill(
                "#add-delivery input[name=deliveredOn]",
                LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-delivery input[name=quantity]", "1000");
        c.fill("#add-delivery input[name=product]", "茶叶");
        submit(c, "#add-delivery button", false);
        assertThat(c.textContent(".alert.error")).contains("购买单位");
        assertThat(jdbc.sql("select count(*) from partnership_delivery where partnership_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // 劳务协作 naming the households placed by their numbers: an unknown number comes back in words, a household
        // of the village is linked to the delivery
        String household = jdbc.sql("select household_no from household where village_code = ? and valid_to is null"
                        + " and not deleted order by household_no limit 1")
                .param(village)
                .query(String.class)
                .single();
        c.selectOption("#add-delivery select[name=item]", "LABOUR");
        c.fill(
                "#add-delivery input[name=deliveredOn]",
                LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-delivery input[name=quantity]", "2");
        c.fill("#add-delivery textarea[name=householdNos]", household + "\nNO-SUCH-HOUSEHOLD");
        submit(c, "#add-delivery button", false);
        assertThat(c.textContent(".alert.error")).contains("NO-SUCH-HOUSEHOLD");
        assertThat(c.inputValue("#add-delivery textarea[name=householdNos]")).contains(household);
        c.selectOption("#add-delivery select[name=item]", "LABOUR");
        c.fill(
                "#add-delivery input[name=deliveredOn]",
                LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-delivery input[name=quantity]", "2");
        c.fill("#add-delivery textarea[name=householdNos]", household);
        c.fill("#add-delivery input[name=product]", ""); // kept from the purchase refused above
        c.fill("#add-delivery input[name=buyer]", "");
        submit(c, "#add-delivery button", true);
        assertThat(jdbc.sql("select h.household_no from partnership_delivery_household x join partnership_delivery d"
                                + " on d.id = x.delivery_id join household h on h.household_id = x.household_id"
                                + " and h.valid_to is null where d.partnership_id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly(household);

        // the year reconciled with the signed statement: closed
        Path pdf = Files.createTempFile("statement", ".pdf");
        Files.write(pdf, "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        c.selectOption("#reconcile-year select[name=year]", Integer.toString(year));
        c.setInputFiles("#reconcile-year input[name=statement]", pdf);
        submit(c, "#reconcile-year button", true);
        assertThat(c.textContent("#years")).contains("已对账", "对账确认书");
        c.selectOption("#add-delivery select[name=item]", "TRAINING");
        c.fill(
                "#add-delivery input[name=deliveredOn]",
                LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-delivery input[name=quantity]", "2");
        submit(c, "#add-delivery button", false);
        assertThat(c.textContent(".alert.error")).contains("已对账");
        assertThat(c.textContent("main")).doesNotContain("ENTERPRISE_VILLAGE", "TRAINING", "partnership.");
        shot(c, "partnership.png");

        // the ledger: the same figures
        c.navigate(url("/ledgers/partnerships"));
        assertThat(c.textContent("main")).contains("协作台账", "帮扶资金", shown(fundsCommitted, true));

        Page en = as("web-p-county-en", "COUNTY", COUNTY, 1366, "en-GB");
        en.navigate(url("/partnerships/" + id));
        assertThat(en.textContent("main")).contains("Enterprises help villages", "Reconciled", "Persons trained");
        assertThat(en.textContent("main")).doesNotContain("ENTERPRISE_VILLAGE", "partnership.", "TRAINING");
        en.navigate(url("/partnerships"));
        assertThat(en.textContent("#items")).contains("Funds", "Committed", "Delivered");
        shot(en, "partnerships-en.png");

        // a township on a phone: the county's partnerships, no forms, nothing wider than the screen
        Page phone = as("web-p-town", "TOWNSHIP", village.substring(0, 9) + "000", 390, "zh-CN");
        phone.navigate(url("/partnerships"));
        assertThat(phone.locator("#add-partnership").count()).isZero();
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        shot(phone, "partnerships-phone.png");
        phone.navigate(url("/partnerships/" + id));
        assertThat(phone.locator("#add-delivery").count()).isZero();
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        shot(phone, "partnership-phone.png");
    }
}
