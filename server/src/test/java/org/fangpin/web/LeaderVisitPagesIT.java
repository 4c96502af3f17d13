package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 书记遍访 in a browser, over the demo county: the county secretary's coverage is the villages counted here from the
 * registry and the visits; the county records a visit to a village and the coverage follows; the township records a
 * visit from its list of households not visited yet, on a phone; the pages read in English.
 */
@WebServerTest
class LeaderVisitPagesIT extends BrowserPageTest {

    /** Villages of the county with an exited or monitored household, and those its secretary visited this year. */
    private long[] countyCoverage(int year) {
        String targets = "select distinct h.village_code from household h where h.valid_to is null and not h.deleted"
                + " and (h.monitoring_state <> 'NONE' or h.identity = 'EXITED') and h.village_code like '421122%'";
        long all = jdbc.sql("select count(*) from (" + targets + ") t")
                .query(Long.class)
                .single();
        long seen = jdbc.sql("select count(distinct v.village_code) from leader_visit v join leader l on l.id ="
                        + " v.leader_id where l.region_code = ? and v.year = ? and v.village_code in (" + targets + ")")
                .params(COUNTY, year)
                .query(Long.class)
                .single();
        return new long[] {all, seen};
    }

    @Test
    void theCountyAndTheTownshipRecordTheirSecretariesVisits() {
        demoCounty();
        int year = LocalDate.now(TestData.ZONE).getYear();
        long[] before = countyCoverage(year);
        assertThat(before[0]).isPositive();

        Page c = as("web-l-county", "COUNTY", COUNTY, 1366, "zh-CN");
        c.navigate(url("/leader-visits"));
        c.waitForSelector(".chart canvas, .chart svg");
        String row = c.textContent("#leaders tbody tr:has-text('县委书记')");
        assertThat(row).contains(before[0] + "", before[1] + "");
        shot(c, "leader-visits.png");

        // a visit to a village the county secretary has not been to
        c.click("#leaders tbody tr:has-text('县委书记') a");
        c.waitForURL("**/leader-visits/leaders/*");
        String village = c.getAttribute("#targets tbody tr >> nth=0", "data-code");
        c.selectOption("#add-visit select[name=villageCode]", village);
        c.fill("#add-visit input[name=visitedOn]", LocalDate.now(TestData.ZONE).toString());
        c.fill("#add-visit textarea[name=problems]", "页面测试：饮水管网老化");
        submit(c, "#add-visit button", true);
        long[] after = countyCoverage(year);
        assertThat(after[1]).isEqualTo(before[1] + 1);
        assertThat(c.textContent("#figures")).contains(after[1] + "");
        assertThat(c.textContent("#visits")).contains("饮水管网老化");
        assertThat(c.locator("#add-visit input[name=openFinding]").count()).isZero(); // a county opens no finding
        shot(c, "leader.png");

        // the township secretary, from the list of households not visited yet, on a phone
        Page t = as("web-l-town", "TOWNSHIP", "421122100000", 390, "zh-CN");
        t.navigate(url("/leader-visits"));
        t.click("#leaders tbody tr:has-text('镇党委书记') a");
        t.waitForURL("**/leader-visits/leaders/*");
        long visits =
                jdbc.sql("select count(*) from leader_visit").query(Long.class).single();
        submit(t, "#targets form.inline button >> nth=0", true);
        assertThat(jdbc.sql("select count(*) from leader_visit")
                        .query(Long.class)
                        .single())
                .isEqualTo(visits + 1);
        assertThat((Integer) t.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
        shot(t, "leader-phone.png");

        Page en = as("web-l-county-en", "COUNTY", COUNTY, 1366, "en-GB");
        en.navigate(url("/leader-visits"));
        assertThat(en.textContent("main")).contains("Visit coverage", "To visit", "Visited");
        assertThat(en.textContent("main")).doesNotContain("leader.", "COUNTY", "VILLAGE");
    }
}
