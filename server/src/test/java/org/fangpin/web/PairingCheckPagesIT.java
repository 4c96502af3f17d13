package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 帮扶力量考核数据 in a browser, over the demo county: reached from the menu's group, its helper coverage is the count
 * made here from the households and pairings; a township drills in, the crumbs lead back; on a phone and in English.
 */
@WebServerTest
class PairingCheckPagesIT extends BrowserPageTest {

    /** Households of a region that must have a helper today, and those paired, from the tables. */
    private long[] coverage(String prefix) {
        LocalDate today = LocalDate.now(TestData.ZONE);
        boolean exited = jdbc.sql("select coalesce((select value = 1 from policy_parameter where key ="
                        + " 'helper_for_exited_households' and province_code is null and valid_from <= ? and"
                        + " (valid_to is null or valid_to > ?)), false)")
                .params(today, today)
                .query(Boolean.class)
                .single();
        String must = "select h.household_id from household h where h.valid_to is null and not h.deleted"
                + " and h.village_code like ? and (h.monitoring_state = 'MONITORED'"
                + (exited ? " or h.identity = 'EXITED')" : ")");
        long all = jdbc.sql("select count(*) from (" + must + ") m")
                .param(prefix + "%")
                .query(Long.class)
                .single();
        long paired = jdbc.sql("select count(*) from (" + must + ") m where exists (select 1 from helper_pairing x"
                        + " where x.household_id = m.household_id and x.ended_on is null)")
                .param(prefix + "%")
                .query(Long.class)
                .single();
        return new long[] {paired, all};
    }

    private static String counted(long[] c) {
        return String.format("%,d / %,d", c[0], c[1]);
    }

    @Test
    void theCountySeesItsFiguresAndDrillsIntoATownship() {
        demoCounty();
        long[] county = coverage("421122");
        assertThat(county[1]).isPositive();
        assertThat(county[0]).isLessThan(county[1]); // the demo's departed helper left households unpaired

        Page c = as("web-pc-county", "COUNTY", COUNTY, 1366, "zh-CN");
        c.click("nav details.group:has-text('帮扶力量') > summary");
        c.click("nav details.group a[href='/pairing/checks']");
        c.waitForURL("**/pairing/checks");
        c.waitForSelector(".chart canvas, .chart svg");
        assertThat(c.textContent("#check-table tfoot")).contains(counted(county));
        shot(c, "pairing-checks.png");

        // a township's row links to its villages; its own coverage is its households'
        String township =
                c.getAttribute("#check-table tbody tr a >> nth=0", "href").replaceAll(".*region=(\\d+).*", "$1");
        long[] town = coverage(township.substring(0, 9));
        assertThat(c.textContent("#check-table tbody tr:has(a[href*='" + township + "'])"))
                .contains(counted(town));
        c.click("#check-table tbody tr a >> nth=0");
        c.waitForURL("**/pairing/checks?region=" + township + "*");
        assertThat(c.textContent("#check-table tfoot")).contains(counted(town));
        assertThat(c.locator("#check-table tbody tr a").count()).isZero(); // villages are the last level
        c.click("nav.crumbs a:last-of-type");
        c.waitForURL("**/pairing/checks?region=" + COUNTY + "*");

        // a township on a phone, in English: its own figures only, the chart above its table
        Page t = as("web-pc-town", "TOWNSHIP", township, 390, "en-US");
        t.navigate(url("/pairing/checks?lang=en"));
        assertThat(t.textContent("h2")).contains("assistance workforce figures");
        assertThat(t.textContent("#check-table tfoot")).contains(counted(town));
        assertThat(t.locator("nav.crumbs").count()).isZero(); // nothing above the township in its reach
        t.navigate(url("/pairing/checks?region=" + COUNTY));
        assertThat(t.textContent("#check-table tfoot")).contains(counted(town)); // narrowed to its own
        shot(t, "pairing-checks-phone-en.png");
        // the phone's menu: the group opens in place, its entries below it
        t.click("button[data-menu]");
        t.click("nav details.group:has-text('Workforce') > summary");
        assertThat(t.isVisible("nav details.group a[href='/pairing/checks']")).isTrue();
        t.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("menu-phone-en.png")));
        t.click("nav details.group a[href='/teams']");
        t.waitForURL("**/teams");
    }
}
