package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionImporter;
import org.fangpin.reporting.Ledgers;
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
 * 五级书记遍访: each office records its own secretary and their visits; coverage per secretary and year against the
 * targets of their level — counted here from the households this test registered; a province's visit opens a finding;
 * who sees whom; each refusal changes nothing.
 */
@IntegrationTest
class LeaderVisitsIT {

    static final String PW = "Lead-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    LeaderVisits visits;

    @Autowired
    Ledgers ledgers;

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

    private static void refused(HttpStatus status, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void invalid(Runnable action, String... fields) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(fields));
    }

    private long household(String no, String village, boolean exited) throws Exception {
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village + "\","
                + (exited ? "\"identity\":\"EXITED\",\"exitYear\":2019" : "\"identity\":\"ORDINARY\"")
                + "},\"members\":[{\"name\":\"户主" + no.substring(no.length() - 2) + "\",\"idNumber\":\""
                + TestData.id("1960-01-01", Integer.parseInt(no.substring(no.length() - 2)))
                + "\",\"relation\":\"HEAD\"}]}";
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("lv-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
    }

    private long state() {
        return jdbc.sql("select count(*) from leader_visit").query(Long.class).single()
                + 1000
                        * jdbc.sql("select count(*) + coalesce(sum(version), 0) from leader")
                                .query(Long.class)
                                .single()
                + 1_000_000
                        * jdbc.sql("select count(*) from finding")
                                .query(Long.class)
                                .single();
    }

    private LeaderVisits.Leader leader(String user, long id, int year) {
        return as(user, () -> visits.list(year)).stream()
                .filter(l -> l.id() == id)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachOfficeRecordsItsSecretaryAndTheCoverageIsTheTargetsVisited() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "lv-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "lv-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "lv-sibling", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "lv-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "lv-prov", "PROVINCE", TestData.PROVINCE, PW, false);
        TestData.user(jdbc, encoder, "lv-inspector", "INSPECTOR", TestData.COUNTY, PW, false);
        mvc = AsSystemInTests.mockMvc(context);
        LocalDate today = LocalDate.now(clock);
        int year = today.getYear();
        LocalDate since = today.minusYears(2);

        // the targets, as this test makes them: exited households in two villages of two townships, and one that is not
        long exited = household("421122100201000001", TestData.VILLAGE, true);
        long ordinary = household("421122100201000002", TestData.VILLAGE, false);
        long elsewhere = household("421122101201000003", TestData.OTHER_VILLAGE, true);

        long before = state();
        invalid(
                () -> as("lv-county", () -> visits.create(new LeaderVisits.NewLeader(" ", null, today.plusDays(1)))),
                "name",
                "post",
                "fromOn");
        refused(
                HttpStatus.FORBIDDEN,
                () -> as("lv-inspector", () -> visits.create(new LeaderVisits.NewLeader("甲", "乙", since))));
        assertThat(state()).isEqualTo(before);

        LeaderVisits.Leader county =
                as("lv-county", () -> visits.create(new LeaderVisits.NewLeader("周县委", "县委书记", since)));
        LeaderVisits.Leader town =
                as("lv-town", () -> visits.create(new LeaderVisits.NewLeader("吴镇委", "镇党委书记", since)));
        LeaderVisits.Leader province =
                as("lv-prov", () -> visits.create(new LeaderVisits.NewLeader("郑省委", "省委书记", since)));
        assertThat(county.region()).isEqualTo(TestData.COUNTY);
        // the county's secretary: the two villages with an exited household; the township's: its one exited household;
        // the province's: its counties
        long counties = jdbc.sql("select count(*) from region where level = 3 and code like '42%'")
                .query(Long.class)
                .single();
        assertThat(county.targets()).isEqualTo(2);
        assertThat(town.targets()).isEqualTo(1);
        assertThat(province.targets()).isEqualTo(counties);
        assertThat(county.coverage()).isEqualByComparingTo("0");

        // visits: refused field by field, by the wrong office, out of the term; nothing made
        before = state();
        invalid(
                () -> as(
                        "lv-town",
                        () -> visits.visit(
                                town.id(), new LeaderVisits.NewVisit(since.minusDays(1), null, elsewhere, null, null))),
                "visitedOn",
                "householdId");
        invalid(
                () -> as(
                        "lv-county",
                        () -> visits.visit(
                                county.id(), new LeaderVisits.NewVisit(today, TestData.TOWNSHIP, null, null, true))),
                "villageCode",
                "problems",
                "openFinding");
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "lv-county",
                        () -> visits.visit(
                                town.id(), new LeaderVisits.NewVisit(today, TestData.VILLAGE, null, null, null))));
        refused(
                HttpStatus.NOT_FOUND,
                () -> as(
                        "lv-sibling",
                        () -> visits.visit(
                                town.id(), new LeaderVisits.NewVisit(today, TestData.VILLAGE, null, null, null))));
        assertThat(state()).isEqualTo(before);

        as(
                "lv-county",
                () -> visits.visit(
                        county.id(), new LeaderVisits.NewVisit(today, TestData.VILLAGE, null, "道路待修", null)));
        as(
                "lv-county",
                () -> visits.visit(
                        county.id(), new LeaderVisits.NewVisit(today, TestData.VILLAGE_2, null, null, null)));
        as("lv-town", () -> visits.visit(town.id(), new LeaderVisits.NewVisit(today, null, ordinary, null, null)));
        assertThat(leader("lv-county", county.id(), year).coverage()).isEqualByComparingTo("50.0");
        assertThat(leader("lv-town", town.id(), year).visited()).isZero(); // an ordinary household is no target
        LeaderVisits.Visit home = as(
                "lv-town", () -> visits.visit(town.id(), new LeaderVisits.NewVisit(today, null, exited, "收入不稳", null)));
        assertThat(home.villageCode()).isEqualTo(TestData.VILLAGE);
        LeaderVisits.Leader t = leader("lv-town", town.id(), year);
        assertThat(t.visited()).isEqualTo(1);
        assertThat(t.visits()).isEqualTo(2);
        assertThat(t.coverage()).isEqualByComparingTo("100.0");
        assertThat(as("lv-county", () -> visits.get(county.id(), year)).unvisited())
                .extracting(LeaderVisits.Target::code)
                .containsExactly(TestData.OTHER_VILLAGE);
        // last year's visits count for last year only
        assertThat(leader("lv-county", county.id(), year - 1).visited()).isZero();

        // a province's secretary opens a finding for the county from a visit
        LeaderVisits.Visit found = as(
                "lv-prov",
                () -> visits.visit(
                        province.id(), new LeaderVisits.NewVisit(today, TestData.OTHER_VILLAGE, null, "帮扶措施单一", true)));
        assertThat(found.findingId()).isNotNull();
        assertThat(jdbc.sql("select region_code || ' ' || source from finding where id = ?")
                        .param(found.findingId())
                        .query(String.class)
                        .single())
                .isEqualTo(TestData.COUNTY + " LEADER_VISIT");
        assertThat(leader("lv-prov", province.id(), year).visited()).isEqualTo(1);

        // who sees whom: each office its region's secretaries
        assertThat(as("lv-county", () -> visits.list(year)))
                .extracting(LeaderVisits.Leader::id)
                .containsExactlyInAnyOrder(county.id(), town.id());
        assertThat(as("lv-sibling", () -> visits.list(year))).isEmpty();
        refused(HttpStatus.NOT_FOUND, () -> as("lv-sibling", () -> visits.get(town.id(), year)));
        assertThat(as("lv-county", () -> visits.get(town.id(), year)).editable())
                .isFalse();

        // 遍访台账: the visits of the county's villages
        assertThat(as(
                        "lv-county",
                        () -> ledgers.count("leader-visits", new Ledgers.Request(null, null, null, Map.of()))))
                .isEqualTo(5);
        assertThat(as(
                        "lv-county",
                        () -> ledgers.count(
                                "leader-visits", new Ledgers.Request(null, null, null, Map.of("problems", "YES")))))
                .isEqualTo(3);

        // leaving office: the version required; no visit after
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as("lv-town", () -> visits.end(town.id(), town.version() + 5, new LeaderVisits.End(today))));
        // not before the last visit recorded
        invalid(
                () -> as(
                        "lv-town",
                        () -> visits.end(town.id(), town.version(), new LeaderVisits.End(today.minusDays(1)))),
                "on");
        as("lv-town", () -> visits.end(town.id(), town.version(), new LeaderVisits.End(today)));
        // a secretary who left yesterday visits no more
        LeaderVisits.Leader gone =
                as("lv-village", () -> visits.create(new LeaderVisits.NewLeader("郑村支书", "村党支部书记", since)));
        as("lv-village", () -> visits.end(gone.id(), gone.version(), new LeaderVisits.End(today.minusDays(1))));
        invalid(
                () -> as(
                        "lv-village",
                        () -> visits.visit(gone.id(), new LeaderVisits.NewVisit(today, null, exited, null, null))),
                "visitedOn");
        assertThat(jdbc.sql("select action from audit_log where entity = 'leader' order by seq")
                        .query(String.class)
                        .list())
                .contains("LEADER_ADDED", "LEADER_VISITED", "LEADER_LEFT");
        assertThat(List.of(exited, ordinary, elsewhere)).doesNotHaveDuplicates();
    }
}
