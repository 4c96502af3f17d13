package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 帮扶责任人 in a browser, over the demo county: the coverage's figures are the households counted here from the
 * registry and the pairings; the county pairs an unpaired household from the list, records a helper and is told in
 * words what is wrong with a departure without a reason; the page reads in English; a village cadre reads the
 * helpers on a phone without forms.
 */
@WebServerTest
class HelperPagesIT extends BrowserPageTest {

    private long count(String sql) {
        return jdbc.sql(sql)
                .param(COUNTY.substring(0, 6) + "%")
                .query(Long.class)
                .single();
    }

    @Test
    void theCountyPairsHouseholdsAndEveryoneReadsTheCoverage() {
        demoCounty();
        // independently of the pages: monitored households of the county (the 脱贫户 switch is off after 2025), and
        // those paired now
        String required = "select count(*) from household h where h.valid_to is null and not h.deleted"
                + " and h.monitoring_state = 'MONITORED' and h.village_code like ?";
        String paired = required + " and exists (select 1 from helper_pairing x where x.household_id = h.household_id"
                + " and x.ended_on is null)";
        long need = count(required);
        long have = count(paired);
        assertThat(need).as("the demo county has monitored households").isPositive();
        assertThat(have).as("the demo's departed helper left some unpaired").isLessThan(need);

        Page c = as("web-h-county", "COUNTY", COUNTY, 1366, "zh-CN");
        c.navigate(url("/helpers"));
        c.waitForSelector(".chart canvas, .chart svg");
        String summary = c.textContent("#figures");
        assertThat(summary).contains(need + "应结对户", have + "已结对", (need - have) + "未结对");
        assertThat(c.locator("#coverage tbody tr").count()).isPositive();
        assertThat(c.textContent("#helpers")).contains("在岗", "已调离");
        c.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("helpers.png"))
                .setFullPage(true));

        // the unpaired list: a household paired with a helper at work, from the list itself
        c.navigate(url("/helpers/unpaired"));
        assertThat(c.textContent("#unpaired")).contains("调任县直单位");
        String household = c.getAttribute("#unpaired form.pair input[name=householdId]", "value");
        c.selectOption(
                "#unpaired form.pair select[name=helperId] >> nth=0",
                new com.microsoft.playwright.options.SelectOption().setIndex(1));
        submit(c, "#unpaired form.pair button >> nth=0", true);
        assertThat(count(paired)).isEqualTo(have + 1);
        assertThat(jdbc.sql("select count(*) from helper_pairing where household_id = ? and ended_on is null")
                        .param(Long.parseLong(household))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // a helper recorded; a departure without a reason refused in words, nothing changed
        c.navigate(url("/helpers"));
        c.fill("#add-helper input[name=name]", "页面帮扶员");
        c.fill("#add-helper input[name=unit]", "县乡村振兴局");
        c.fill("#add-helper input[name=phone]", "13912345670");
        submit(c, "#add-helper button", true);
        assertThat(c.url()).matches(".*/helpers/\\d+$");
        assertThat(c.content()).doesNotContain("13912345670").contains("139****5670");
        c.fill("#depart input[name=reason]", " ");
        c.evaluate("document.querySelector('#depart input[name=reason]').removeAttribute('required')");
        submit(c, "#depart button", false);
        assertThat(c.textContent(".alert.error")).contains("原因");
        assertThat(jdbc.sql("select status from helper where name = '页面帮扶员'")
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        assertThat(c.textContent("main")).doesNotContain("ACTIVE", "DEPARTED", "helper.");

        Page en = as("web-h-county-en", "COUNTY", COUNTY, 1366, "en-GB");
        en.navigate(url("/helpers"));
        assertThat(en.textContent("#figures") + en.textContent("#coverage"))
                .contains("Must have a helper", "Paired", "Unpaired");
        assertThat(en.textContent("main")).doesNotContain("helper.", "ACTIVE");
        en.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("helpers-en.png"))
                .setFullPage(true));

        // a village cadre on a phone: the county's helpers and the village's figures, no forms
        String village = jdbc.sql("select village_code from helper_pairing where ended_on is null and village_code"
                        + " like ? order by village_code limit 1")
                .param(COUNTY.substring(0, 6) + "%")
                .query(String.class)
                .single();
        Page phone = as("web-h-village", "VILLAGE", village, 390, "zh-CN");
        phone.navigate(url("/helpers"));
        assertThat(phone.locator("#add-helper").count()).isZero();
        phone.click("#helpers tbody a >> nth=0");
        phone.waitForURL("**/helpers/*");
        assertThat(phone.locator("#depart").count()).isZero();
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.navigate(url("/helpers"));
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("helpers-phone.png"))
                .setFullPage(true));
    }
}
