package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.util.Map;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.junit.jupiter.api.Test;

/**
 * 驻村工作队 in a browser: the county records a unit, sends a team to a village and its 第一书记 (the ID shown masked),
 * a recall without the county's approval comes back with the reason beside the form; the overview's figures are the
 * rows counted here; a village cadre reads the team on a phone — in words, never codes.
 */
@WebServerTest
class TeamPagesIT extends BrowserPageTest {

    @Test
    void theCountySendsATeamAndItsFirstSecretaryAndAVillageReadsIt() {
        demoCounty();
        Map<String, Object> v = jdbc.sql("""
                        select r.code as village, r.name, t.parent_code as county from region r
                        join region t on t.code = r.parent_code
                        where r.level = 5 and r.valid_to is null
                          and not exists (select 1 from work_team w where w.village_code = r.code and w.ended_on is null)
                        order by r.code limit 1""").query().singleRow();
        String village = (String) v.get("village");
        String county = (String) v.get("county");
        LocalDate today = LocalDate.now(TestData.ZONE);

        Page c = as("web-t-county", "COUNTY", county, 1366, "zh-CN");
        c.navigate("http://localhost:" + port + "/teams");
        c.fill("form[action$='/units'] input[name=name]", "县农业农村局（页面）");
        c.selectOption("form[action$='/units'] select[name=kind]", "COUNTY_ORGAN");
        submit(c, "form[action$='/units'] button", true);
        c.selectOption("form[action$='/teams'] select[name=village]", village);
        c.fill(
                "form[action$='/teams'] input[name=startedOn]",
                today.minusMonths(3).toString());
        c.selectOption("form[action$='/teams'] select[name=unitIds]", new String[] {
            String.valueOf(jdbc.sql("select id from assist_unit where name = '县农业农村局（页面）'")
                    .query(Long.class)
                    .single())
        });
        submit(c, "form[action$='/teams'] button", true);
        assertThat(c.url()).matches(".*/teams/\\d+$");
        long team = Long.parseLong(c.url().replaceAll(".*/", ""));

        // the 第一书记, the term from the parameter; the ID shown masked, never whole
        String id = TestData.id("1986-06-16", 41);
        c.fill("#send input[name=name]", "周书记");
        c.fill("#send input[name=idNumber]", id);
        c.fill("#send input[name=phone]", "13912345678");
        c.selectOption("#send select[name=unitId]", new String[] {
            String.valueOf(jdbc.sql("select id from assist_unit where name = '县农业农村局（页面）'")
                    .query(Long.class)
                    .single())
        });
        c.selectOption("#send select[name=post]", "FIRST_SECRETARY");
        c.fill("#send input[name=termFrom]", today.minusMonths(3).toString());
        submit(c, "#send button", true);
        assertThat(c.textContent("#members")).contains("周书记", "第一书记", "在岗", id.substring(0, 6) + "********");
        assertThat(c.content()).doesNotContain(id).doesNotContain("13912345678");
        assertThat(c.textContent("#on-duty")).contains("1 人");
        // a recall without the county's approval: refused, the reason in words
        c.selectOption("form.leave select[name=status]", "RECALLED");
        c.fill("form.leave input[name=reason]", "工作调整");
        c.evaluate("document.body.setAttribute('data-sent', '1')");
        c.click("form.leave button");
        c.waitForSelector("body:not([data-sent]) .alert.error");
        assertThat(c.textContent(".alert.error")).contains("县级批准文号");
        assertThat(jdbc.sql("select status from team_member where team_id = ?")
                        .param(team)
                        .query(String.class)
                        .single())
                .isEqualTo("ON_DUTY");
        assertThat(c.textContent("main")).doesNotContain("FIRST_SECRETARY", "ON_DUTY", "team.");
        c.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("team.png")).setFullPage(true));

        // the overview: its figures are the rows counted here
        c.navigate("http://localhost:" + port + "/teams");
        c.waitForSelector(".chart canvas, .chart svg");
        long teams = jdbc.sql("select count(*) from work_team where ended_on is null and village_code like ?")
                .param(county.substring(0, 6) + "%")
                .query(Long.class)
                .single();
        assertThat(c.textContent("#coverage")).contains("有工作队的村" + teams);
        assertThat(c.textContent("#teams")).contains((String) v.get("name"), "周书记");
        c.screenshot(
                new Page.ScreenshotOptions().setPath(SHOTS.resolve("teams.png")).setFullPage(true));

        Page en = as("web-t-county-en", "COUNTY", county, 1366, "en-GB");
        en.navigate("http://localhost:" + port + "/teams/" + team);
        assertThat(en.textContent("#members")).contains("First secretary", "On duty");
        en.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("team-en.png"))
                .setFullPage(true));

        Page phone = as("web-t-village", "VILLAGE", village, 390, "zh-CN");
        phone.navigate("http://localhost:" + port + "/teams");
        phone.click("#teams a");
        phone.waitForURL("**/teams/" + team);
        // the village logs this month's days and asks leave; the township approves it
        phone.fill("#attendance input[name=daysInVillage]", "3");
        submit(phone, "#attendance form.inline button", true);
        assertThat(jdbc.sql("select days_in_village from team_attendance a join team_member m on m.id = a.member_id"
                                + " where m.team_id = ?")
                        .param(team)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        phone.fill("#leave input[name=from]", today.toString());
        phone.fill("#leave input[name=to]", today.plusDays(1).toString());
        phone.fill("#leave input[name=reason]", "参加县里培训");
        submit(phone, "#leave button", true);
        Page town = as("web-t-town", "TOWNSHIP", village.substring(0, 9) + "000", 1366, "zh-CN");
        town.navigate("http://localhost:" + port + "/teams/" + team);
        town.selectOption("#attendance select[name=approved]", "true");
        submit(town, "#attendance form.inline button", true);
        assertThat(town.textContent("#attendance")).contains("已批准", "参加县里培训");
        assertThat(jdbc.sql("select l.status from team_leave l join team_member m on m.id = l.member_id"
                                + " where m.team_id = ?")
                        .param(team)
                        .query(String.class)
                        .single())
                .isEqualTo("APPROVED");
        assertThat(phone.locator("#send").count()).isZero();
        assertThat((Integer) phone.evaluate("document.documentElement.scrollWidth"))
                .isLessThanOrEqualTo(390);
        phone.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve("team-phone.png"))
                .setFullPage(true));
    }
}
