package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 考核 figures of the pairing module: a county of two townships set up here row by row — monitored households, one
 * paired, plans visited or not, a team with a trained 第一书记 and one without, a partner's funds, the secretaries'
 * visits — and each figure per township and in total is the count this fixture implies; a city reads the same total;
 * a township cannot read another.
 */
@IntegrationTest
class PairingChecksIT {

    static final String PW = "Check-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    PairingChecks checks;

    @Autowired
    LeaderVisits leaders;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    MockMvc mvc;

    private <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    private long monitored(String no, String village) throws Exception {
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village + "\","
                + "\"identity\":\"ORDINARY\"},\"members\":[{\"name\":\"户主" + no.substring(no.length() - 2)
                + "\",\"idNumber\":\"" + TestData.id("1960-01-01", Integer.parseInt(no.substring(no.length() - 2)))
                + "\",\"relation\":\"HEAD\"}]}";
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("pc-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        long id = ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        jdbc.sql("update household set monitoring_state = 'MONITORED', monitoring_category = 'MARGINAL',"
                        + " monitoring_since = current_date - 90 where household_id = ? and valid_to is null")
                .param(id)
                .update();
        return id;
    }

    private void plan(long household, String village, Integer visitedDaysAgo) {
        jdbc.sql("insert into assistance_plan (household_id, household_no, village_code, started_on,"
                        + " visit_interval_days, created_by, updated_by) values (?, 'x', ?, current_date - 60, 30, 't',"
                        + " 't')")
                .params(household, village)
                .update();
        if (visitedDaysAgo != null) {
            jdbc.sql("insert into followup_visit (household_id, visited_on, visitor, notes, recorded_by)"
                            + " values (?, current_date - ?, 't', '走访', 't')")
                    .params(household, visitedDaysAgo)
                    .update();
        }
    }

    private long member(long team, String village, long unit, String post, int seq) {
        return jdbc.sql("""
                        insert into team_member (team_id, village_code, name, id_number_enc, id_lookup, unit_id, post,
                            term_from, term_to, status, status_on, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, current_date - 100, current_date + 600, 'ON_DUTY',
                                current_date - 100, 't') returning id""")
                .params(team, village, "队员" + seq, new byte[] {(byte) seq}, new byte[] {(byte) seq}, unit, post)
                .query(Long.class)
                .single();
    }

    private long team(String village) {
        return jdbc.sql("insert into work_team (village_code, started_on, created_by) values (?, current_date - 100,"
                        + " 't') returning id")
                .param(village)
                .query(Long.class)
                .single();
    }

    @Test
    void theFiguresAreTheCountsTheFixtureImplies() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "pc-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "pc-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "pc-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "pc-other-town", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        mvc = AsSystemInTests.mockMvc(context);
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();

        // township 1: two monitored households (one paired, its plan visited 5 days ago); township 2: one monitored,
        // its plan never visited (started 60 days ago, every 30 days)
        long h1 = monitored("421122100201000001", TestData.VILLAGE);
        monitored("421122100202000002", TestData.VILLAGE_2);
        long h3 = monitored("421122101201000003", TestData.OTHER_VILLAGE);
        long helper = jdbc.sql("insert into helper (county_code, name, created_by, updated_by) values (?, '帮扶员', 't',"
                        + " 't') returning id")
                .param(TestData.COUNTY)
                .query(Long.class)
                .single();
        jdbc.sql("insert into helper_pairing (helper_id, household_id, village_code, paired_on, created_by)"
                        + " values (?, ?, ?, current_date - 10, 't')")
                .params(helper, h1, TestData.VILLAGE)
                .update();
        plan(h1, TestData.VILLAGE, 5);
        plan(h3, TestData.OTHER_VILLAGE, null);
        // a team with a trained 第一书记 and a member in township 1; a team with a leader only in township 2
        long unit = jdbc.sql("insert into assist_unit (name, kind, created_by) values ('派出单位', 'COUNTY_ORGAN', 't')"
                        + " returning id")
                .query(Long.class)
                .single();
        long t1 = team(TestData.VILLAGE);
        long secretary = member(t1, TestData.VILLAGE, unit, "FIRST_SECRETARY", 1);
        long worker = member(t1, TestData.VILLAGE, unit, "MEMBER", 2);
        long t2 = team(TestData.OTHER_VILLAGE);
        member(t2, TestData.OTHER_VILLAGE, unit, "LEADER", 3);
        long course = jdbc.sql("insert into team_training (region_code, course, held_on, created_by) values (?, '岗前培训',"
                        + " current_date - 95, 't') returning id")
                .param(TestData.COUNTY)
                .query(Long.class)
                .single();
        jdbc.sql("insert into team_training_member (training_id, member_id) values (?, ?)")
                .params(course, secretary)
                .update();
        // last month: the 第一书记 in the village every day, the member three days
        YearMonth last = YearMonth.from(today).minusMonths(1);
        jdbc.sql("insert into team_attendance (member_id, month, days_in_village, recorded_by) values (?, ?, ?, 't'),"
                        + " (?, ?, 3, 't')")
                .params(secretary, last.atDay(1), last.lengthOfMonth(), worker, last.atDay(1))
                .update();
        // the county's partner: 1,000 committed, 400 delivered (a further 100 withdrawn)
        long east = jdbc.sql("insert into assist_unit (name, kind, created_by) values ('东部', 'EASTERN_GOVERNMENT', 't')"
                        + " returning id")
                .query(Long.class)
                .single();
        long partnership = jdbc.sql("insert into partnership (kind, unit_id, region_code, started_on, created_by)"
                        + " values ('EAST_WEST', ?, ?, current_date - 400, 't') returning id")
                .params(east, TestData.COUNTY)
                .query(Long.class)
                .single();
        jdbc.sql("insert into partnership_commitment (partnership_id, year, item, quantity, updated_by)"
                        + " values (?, ?, 'FUNDS', 1000, 't')")
                .params(partnership, year)
                .update();
        jdbc.sql("insert into partnership_delivery (partnership_id, item, delivered_on, quantity, created_by) values"
                        + " (?, 'FUNDS', ?, 400, 't')")
                .params(partnership, today)
                .update();
        jdbc.sql("insert into partnership_delivery (partnership_id, item, delivered_on, quantity, withdrawn_at,"
                        + " created_by) values (?, 'FUNDS', ?, 100, now(), 't')")
                .params(partnership, today)
                .update();
        // secretaries: the county's visited one of its three target villages; township 1's one of its two households
        LeaderVisits.Leader county =
                as("pc-county", () -> leaders.create(new LeaderVisits.NewLeader("县书记", "县委书记", today.minusYears(1))));
        as(
                "pc-county",
                () -> leaders.visit(county.id(), new LeaderVisits.NewVisit(today, TestData.VILLAGE, null, null, null)));
        LeaderVisits.Leader town =
                as("pc-town", () -> leaders.create(new LeaderVisits.NewLeader("镇书记", "镇党委书记", today.minusYears(1))));
        as("pc-town", () -> leaders.visit(town.id(), new LeaderVisits.NewVisit(today, null, h1, null, null)));

        PairingChecks.Checks c = as("pc-county", () -> checks.checks(null, year));
        assertThat(c.region()).isEqualTo(TestData.COUNTY);
        PairingChecks.Row own = c.own();
        assertThat(c.below()).extracting(PairingChecks.Row::region).doesNotContain(TestData.COUNTY);
        PairingChecks.Row one = row(c, TestData.TOWNSHIP);
        PairingChecks.Row two = row(c, TestData.OTHER_TOWNSHIP);
        assertThat(new long[] {one.mustHaveHelper(), one.paired(), two.mustHaveHelper(), two.paired()})
                .containsExactly(2, 1, 1, 0);
        assertThat(new long[] {one.plans(), one.plansVisitedInTime(), two.plans(), two.plansVisitedInTime()})
                .containsExactly(1, 1, 1, 0);
        assertThat(new long[] {one.teams(), one.teamsWithFirstSecretary(), two.teams(), two.teamsWithFirstSecretary()})
                .containsExactly(1, 1, 1, 0);
        assertThat(new long[] {one.membersOnDuty(), one.membersTrained(), two.membersOnDuty(), two.membersTrained()})
                .containsExactly(2, 1, 1, 0);
        if (last.getYear() == year) {
            // last month is the one logged month: met by the 第一书记 only; the months before were not logged
            assertThat(one.memberMonthsMet()).isEqualTo(1);
            assertThat(one.memberMonths()).isGreaterThanOrEqualTo(2);
            assertThat(two.memberMonthsMet()).isZero();
        }
        assertThat(own.fundsCommitted()).isEqualByComparingTo("1000");
        assertThat(own.fundsDelivered()).isEqualByComparingTo("400");
        assertThat(new long[] {own.visitTargets(), own.visitTargetsVisited()}).containsExactly(3, 1);
        assertThat(new long[] {one.visitTargets(), one.visitTargetsVisited()}).containsExactly(2, 1);
        assertThat(c.total().mustHaveHelper()).isEqualTo(3);
        assertThat(c.total().visitTargets()).isEqualTo(5);

        // the city reads the county as one row with the same figures
        PairingChecks.Checks city = as("pc-city", () -> checks.checks(null, year));
        assertThat(row(city, TestData.COUNTY))
                .usingRecursiveComparison()
                .ignoringFields("name")
                .isEqualTo(new PairingChecks.Row(
                        TestData.COUNTY,
                        "",
                        c.total().mustHaveHelper(),
                        c.total().paired(),
                        c.total().plans(),
                        c.total().plansVisitedInTime(),
                        c.total().teams(),
                        c.total().teamsWithFirstSecretary(),
                        c.total().memberMonths(),
                        c.total().memberMonthsMet(),
                        c.total().membersOnDuty(),
                        c.total().membersTrained(),
                        c.total().fundsCommitted(),
                        c.total().fundsDelivered(),
                        c.total().visitTargets(),
                        c.total().visitTargetsVisited()));
        // a township reads its own, never its sibling
        assertThat(as("pc-other-town", () -> checks.checks(null, year)).total().mustHaveHelper())
                .isEqualTo(1);
        assertThatThrownBy(() -> as("pc-other-town", () -> checks.checks(TestData.TOWNSHIP, year)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        // asking for the county above narrows to its own
        assertThat(as("pc-other-town", () -> checks.checks(TestData.COUNTY, year))
                        .region())
                .isEqualTo(TestData.OTHER_TOWNSHIP);
        // over HTTP
        var r = mvc.perform(MockMvcRequestBuilders.get("/api/v1/pairing/checks")
                        .param("region", TestData.COUNTY)
                        .with(httpBasic("pc-city", PW)))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(((Number) JsonPath.read(r.getContentAsString(StandardCharsets.UTF_8), "$.total.paired")).longValue())
                .isEqualTo(1);
    }

    private static PairingChecks.Row row(PairingChecks.Checks c, String region) {
        return c.below().stream()
                .filter(r -> r.region().equals(region))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + region + " in " + c.below()));
    }
}
