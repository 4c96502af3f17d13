package org.fangpin.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.monitoring.internal.RuleSets;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.RiskCause;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * 农村低收入人口 from the 民政 feed: a civil-affairs department sends who receives 低保 and 特困 support since or until
 * when; each registered person's flags change in a new version from that date, so "as of" answers what 民政 said.
 */
@IntegrationTest
class LowIncomeGroupsIT {

    static final String PW = "Groups-pass-123";
    static final LocalDate TODAY = LocalDate.now(TestData.ZONE);
    static final String HEAD = TestData.id("1966-04-04", 11);
    static final String SPOUSE = TestData.id("1968-05-05", 22);
    static final String SON = TestData.id("1990-06-06", 31);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    MockMvcTester mvc;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    MonitoringRuns runs;

    private static RuleSets.Rule rule(String code, String expression) {
        return new RuleSets.Rule(
                code, code, code, expression, RuleSets.Severity.MEDIUM, RuleSets.BY_STATUS, RiskCause.OTHER, false);
    }

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        String csv = "户编号,行政区划代码,户属性,姓名,公民身份号码,与户主关系,享受低保,特困供养\n"
                + "G-1," + TestData.VILLAGE + ",一般农户,甲," + HEAD + ",户主,否,否\n"
                + "G-1," + TestData.VILLAGE + ",一般农户,乙," + SPOUSE + ",配偶,否,是\n"
                + "G-1," + TestData.VILLAGE + ",一般农户,丙," + SON + ",之子,否,否\n";
        assertThat(households
                        .importFile(
                                TestData.write(dir, "h.csv", csv),
                                "h.csv",
                                "t",
                                Locale.CHINA,
                                new HouseholdImporter.Options(TODAY.minusDays(100), "登记"))
                        .errors())
                .isEmpty();
        TestData.user(jdbc, encoder, "minzheng", "DEPARTMENT", TestData.COUNTY, PW, false);
        jdbc.sql("update app_user set department = 'CIVIL_AFFAIRS' where username = 'minzheng'")
                .update();
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    private MvcTestResult send(String batchId, String rows) {
        return mvc.post()
                .uri("/api/v1/feeds/types/social_assistance/batches")
                .with(httpBasic("minzheng", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"batchId\":\"" + batchId + "\",\"period\":\""
                        + TODAY.toString().substring(0, 7) + "\",\"rows\":[" + rows + "]}")
                .exchange();
    }

    private static String row(String id, String type, String status, LocalDate start, LocalDate end) {
        return "{\"idNumber\":\"" + id + "\",\"assistanceType\":\"" + type + "\",\"amount\":\"600\",\"startDate\":\""
                + start + "\"" + (end == null ? "" : ",\"endDate\":\"" + end + "\"")
                + (status == null ? "" : ",\"benefitStatus\":\"" + status + "\"") + "}";
    }

    /** A person's flag as of a date, from the registry's versions. */
    private Boolean flag(String name, String column, LocalDate asOf) {
        return jdbc.sql("select " + column + " from person where name = ? and valid_from <= ?"
                        + " and (valid_to is null or valid_to > ?) and not deleted")
                .params(name, asOf, asOf)
                .query(Boolean.class)
                .single();
    }

    private long versions() {
        return jdbc.sql("select count(*) from person").query(Long.class).single();
    }

    @Test
    void theCivilAffairsFeedRecordsWhoReceivesWhatFromWhen() {
        String rows = String.join(
                ",",
                row(HEAD, "DIBAO", "ACTIVE", TODAY.minusDays(30), null),
                row(HEAD, "TEMPORARY", null, TODAY.minusDays(60), TODAY.minusDays(50)),
                row(SPOUSE, "TEKUN", "STOPPED", TODAY.minusDays(400), TODAY.minusDays(10)),
                // started before the person was registered here: recorded from the registration
                row(SON, "DIBAO", null, TODAY.minusDays(200), null));
        assertThat(send("MZ-1", rows)).hasStatus(201);

        assertThat(flag("甲", "dibao", TODAY)).isTrue();
        assertThat(flag("甲", "dibao", TODAY.minusDays(31))).isFalse();
        assertThat(flag("甲", "dibao", TODAY.minusDays(30))).isTrue();
        assertThat(flag("乙", "tekun", TODAY)).isFalse();
        assertThat(flag("乙", "tekun", TODAY.minusDays(11))).isTrue();
        assertThat(flag("丙", "dibao", TODAY.minusDays(100))).isTrue();
        Map<String, Object> v = jdbc.sql(
                        "select recorded_by, change_reason from person where name = '甲'" + " and valid_to is null")
                .query()
                .singleRow();
        assertThat(v.get("recorded_by")).isEqualTo("system:feed-groups");
        assertThat(v.get("change_reason").toString()).contains("MZ-1", "低保");

        // the same batch again, or the same facts in a new one: nothing changes
        long before = versions();
        assertThat(send("MZ-1", rows)).hasStatusOk(); // received before
        assertThat(send("MZ-2", rows)).hasStatus(201);
        assertThat(versions()).isEqualTo(before);

        // rules read the groups as recorded: 低保 members now, no 特困 member any more
        var set = ruleSets.createDraft(new RuleSets.Draft(
                TestData.PROVINCE,
                "低收入人口（测试）",
                null,
                List.of(
                        rule("LOW_INCOME_DIBAO", "dibao_members >= 1"),
                        rule("LOW_INCOME_TEKUN", "tekun_members >= 1"))));
        ruleSets.activate(set.id(), TODAY.minusDays(1));
        runs.run(TODAY);
        assertThat(jdbc.sql(
                                "select array_to_string(rules, ',') from alert a join household h"
                                        + " on h.household_id = a.household_id and h.valid_to is null where h.household_no = 'G-1'")
                        .query(String.class)
                        .list())
                .anySatisfy(r -> assertThat(r).contains("LOW_INCOME_DIBAO"))
                .noneSatisfy(r -> assertThat(r).contains("LOW_INCOME_TEKUN"));

        // a 民政 office of another township says nothing about persons outside it
        TestData.user(jdbc, encoder, "minzheng-other", "DEPARTMENT", TestData.OTHER_TOWNSHIP, PW, false);
        jdbc.sql("update app_user set department = 'CIVIL_AFFAIRS' where username = 'minzheng-other'")
                .update();
        long beforeOther = versions();
        assertThat(mvc.post()
                        .uri("/api/v1/feeds/types/social_assistance/batches")
                        .with(httpBasic("minzheng-other", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"batchId\":\"MZ-X\",\"period\":\""
                                + TODAY.toString().substring(0, 7)
                                + "\",\"rows\":["
                                + row(HEAD, "DIBAO", "STOPPED", TODAY.minusDays(30), TODAY.minusDays(1))
                                + "]}")
                        .exchange())
                .hasStatus(201);
        assertThat(versions()).isEqualTo(beforeOther);
        assertThat(flag("甲", "dibao", TODAY)).isTrue();

        // the 低保 ends: from its end date
        assertThat(send("MZ-3", row(HEAD, "DIBAO", "STOPPED", TODAY.minusDays(30), TODAY.minusDays(2))))
                .hasStatus(201);
        assertThat(flag("甲", "dibao", TODAY)).isFalse();
        assertThat(flag("甲", "dibao", TODAY.minusDays(3))).isTrue();
    }
}
