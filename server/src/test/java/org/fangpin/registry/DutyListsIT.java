package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.internal.DutyList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * 部门名单回流: each department reads the lists of its duties, for its region, as of a date — the persons its duty
 * needs, with only those columns; pages mask ID numbers, downloads carry them and are audited.
 */
@IntegrationTest
class DutyListsIT {

    static final String PW = "Duty-pass-123";

    /** Requests sign in as the user each one names (no default user). */
    MockMvcTester mvc;

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regionImporter;

    @Autowired
    HouseholdImporter importer;

    @Autowired
    Registry registry;

    @TempDir
    Path dir;

    static final LocalDate TODAY = LocalDate.now(TestData.ZONE);
    static final String HEAD_A = TestData.id(TODAY.minusYears(45).minusDays(40), 11);
    static final String CHILD_A = TestData.id(TODAY.minusYears(10).minusDays(40), 13);
    static final String ELDER_A = TestData.id(TODAY.minusYears(70).minusDays(40), 15);
    static final String HEAD_B = TestData.id(TODAY.minusYears(50).minusDays(40), 21);
    static final String HEAD_C = TestData.id(TODAY.minusYears(38).minusDays(40), 31);
    static final String CHILD_C = TestData.id(TODAY.minusYears(8).minusDays(40), 33);
    static final String HEAD_D = TestData.id(TODAY.minusYears(40).minusDays(40), 41);

    @BeforeEach
    void setUp() {
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "yb", "DEPARTMENT", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "jy", "DEPARTMENT", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "jy-town", "DEPARTMENT", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "duty-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "duty-cadre", "VILLAGE", TestData.VILLAGE, PW, false);
        jdbc.sql("update app_user set department = 'MEDICAL_SECURITY' where username = 'yb'")
                .update();
        jdbc.sql("update app_user set department = 'EDUCATION' where username in ('jy', 'jy-town')")
                .update();

        // A: a 脱贫户 monitored, three generations; B: a 一般农户 whose head has 低保; C: a 一般农户 with a child, not
        // monitored; D: monitored, in another township
        var a = monitored(HouseholdCsv.household("DA", TestData.VILLAGE), "脱贫户", "2019", "脱贫不稳定户");
        var b = HouseholdCsv.household("DB", TestData.VILLAGE);
        b.put(HouseholdColumn.IDENTITY, "一般农户");
        b.remove(HouseholdColumn.EXIT_YEAR);
        var c = new EnumMap<>(b);
        c.put(HouseholdColumn.HOUSEHOLD_NO, "DC");
        var d = monitored(HouseholdCsv.household("DD", TestData.OTHER_VILLAGE), "一般农户", "", "边缘易致贫户");
        String csv = new HouseholdCsv()
                .person(a, "甲户主", HEAD_A, "户主", Map.of(HouseholdColumn.MEDICAL_INSURANCE, "是"))
                .person(a, "甲孩", CHILD_A, "之子", Map.of(HouseholdColumn.SCHOOL_STATUS, "小学"))
                .person(
                        a,
                        "甲老人",
                        ELDER_A,
                        "之父母",
                        Map.of(
                                HouseholdColumn.HEALTH,
                                "残疾",
                                HouseholdColumn.DISABILITY_GRADE,
                                "2",
                                HouseholdColumn.LABOUR_CAPACITY,
                                "无劳动力"))
                .person(b, "乙户主", HEAD_B, "户主", Map.of(HouseholdColumn.DIBAO, "是"))
                .person(c, "丙户主", HEAD_C, "户主")
                .person(c, "丙孩", CHILD_C, "之女", Map.of(HouseholdColumn.SCHOOL_STATUS, "小学"))
                .person(d, "丁户主", HEAD_D, "户主")
                .csv();
        var report = importer.importFile(
                TestData.write(dir, "duty.csv", csv),
                "duty.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(TODAY.minusDays(60), "测试"));
        assertThat(report.errors()).isEmpty();
    }

    private static Map<HouseholdColumn, String> monitored(
            Map<HouseholdColumn, String> h, String identity, String exitYear, String category) {
        h.put(HouseholdColumn.IDENTITY, identity);
        h.put(HouseholdColumn.EXIT_YEAR, exitYear);
        h.put(HouseholdColumn.MONITORING_STATE, "监测对象");
        h.put(HouseholdColumn.MONITORING_CATEGORY, category);
        h.put(HouseholdColumn.RISK_CAUSES, "因病");
        return h;
    }

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private static String body(MvcTestResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<String> names(String user, String path) throws Exception {
        MvcTestResult r = get(user, path);
        assertThat(r.getResponse().getStatus()).as(body(r)).isEqualTo(200);
        return JsonPath.read(body(r), "$.rows[*].values.NAME");
    }

    @Test
    void aDepartmentReadsItsOwnListsOnly() throws Exception {
        assertThat(get("yb", "/api/v1/duty-lists"))
                .bodyJson()
                .extractingPath("$[*].code")
                .asArray()
                .containsExactly("MEDICAL_INSURANCE");
        assertThat(get("yb", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN"))
                .hasStatus(404)
                .bodyText()
                .contains("\"status\":404");
        assertThat(get("duty-cadre", "/api/v1/duty-lists")).hasStatus(403);
        assertThat(get("duty-county", "/api/v1/duty-lists"))
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(DutyList.values().length);
        // a township's department user reaches its township only: asking for the county narrows to it, another
        // township is refused
        assertThat(get("jy-town", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN?region=" + TestData.COUNTY))
                .bodyJson()
                .extractingPath("$.regionCode")
                .isEqualTo(TestData.TOWNSHIP);
        assertThat(get("jy-town", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN?region=" + TestData.OTHER_VILLAGE))
                .hasStatus(403);
    }

    @Test
    void eachListHasThePersonsItsDutyNeedsMaskedOnThePage() throws Exception {
        // 医保: everyone of a monitored household, and the 低保 head of an ordinary one; the whole county
        assertThat(names("yb", "/api/v1/duty-lists/MEDICAL_INSURANCE"))
                .containsExactlyInAnyOrder("甲户主", "甲孩", "甲老人", "乙户主", "丁户主");
        String page = body(get("yb", "/api/v1/duty-lists/MEDICAL_INSURANCE"));
        List<String> ids = JsonPath.read(page, "$.rows[*].values.ID_NUMBER");
        assertThat(ids).allMatch(id -> id.contains("*"));
        assertThat(page).doesNotContain(HEAD_A).doesNotContain(HEAD_B);
        assertThat((List<String>) JsonPath.read(page, "$.rows[?(@.values.NAME == '乙户主')].values.GROUPS"))
                .containsExactly("农村低保对象");
        assertThat((List<String>) JsonPath.read(page, "$.rows[?(@.values.NAME == '甲户主')].values.GROUPS"))
                .containsExactly("易返贫致贫人口（监测对象）");
        // ages by year of birth: moving the list's date a few weeks, across the birthday, never tells the birthday
        LocalDate earlier = TODAY.minusDays(50); // the head's birthday falls between it and today
        String before = body(get("yb", "/api/v1/duty-lists/MEDICAL_INSURANCE?asOf=" + earlier));
        int born = TODAY.minusYears(45).minusDays(40).getYear();
        for (var asOf : Map.of(TODAY, page, earlier, before).entrySet()) {
            assertThat((List<String>) JsonPath.read(asOf.getValue(), "$.rows[?(@.values.NAME == '甲户主')].values.AGE"))
                    .containsExactly(String.valueOf(asOf.getKey().getYear() - born));
        }
        // only the columns the duty needs: no work, no housing
        assertThat((Map<String, ?>) JsonPath.read(page, "$.rows[0].values"))
                .containsOnlyKeys(
                        "NAME", "ID_NUMBER", "SEX", "AGE", "VILLAGE", "HOUSEHOLD_NO", "GROUPS", "MEDICAL_INSURANCE");
        // 教育: school-age children of monitored households only (not 丙孩, whose household is not monitored)
        assertThat(names("jy", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN")).containsExactly("甲孩");
        // a county office reads every department's list, and may narrow it to a village
        assertThat(names("duty-county", "/api/v1/duty-lists/DISABLED_MEMBERS")).containsExactly("甲老人");
        assertThat(names("duty-county", "/api/v1/duty-lists/MEDICAL_INSURANCE?region=" + TestData.OTHER_VILLAGE))
                .containsExactly("丁户主");
    }

    @Test
    void aListIsAsOfADate() throws Exception {
        // C is included today: its child is on the education list from today, not before
        HouseholdView c = registry.search(new HouseholdQuery(null, "DC", null, null, null, null, null, null, 5))
                .items()
                .get(0);
        registry.updateHousehold(
                c.id(),
                c.version(),
                c.fields().included(MonitoringCategory.SUDDEN_HARDSHIP, List.of(RiskCause.ACCIDENT), TODAY),
                new Registry.Change("t", TODAY, "纳入监测"));
        assertThat(names("jy", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN")).containsExactlyInAnyOrder("甲孩", "丙孩");
        assertThat(names("jy", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN?asOf=" + TODAY.minusDays(1)))
                .containsExactly("甲孩");
        // before anyone was registered: nobody
        assertThat(names("jy", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN?asOf=" + TODAY.minusDays(61)))
                .isEmpty();
        assertThat(get("jy", "/api/v1/duty-lists/SCHOOL_AGE_CHILDREN?asOf=" + TODAY.plusDays(1)))
                .hasStatus(422);
    }

    @Test
    void aDownloadCarriesFullIdNumbersAndIsAudited() throws Exception {
        long before = jdbc.sql("select count(*) from audit_log where entity = 'duty-list'")
                .query(Long.class)
                .single();
        MvcTestResult r = get("yb", "/api/v1/duty-lists/MEDICAL_INSURANCE/download");
        assertThat(r).hasStatusOk();
        String csv = body(r);
        assertThat(csv.lines().count()).isEqualTo(1 + 5);
        assertThat(csv).contains("姓名,公民身份号码", HEAD_A, HEAD_B, HEAD_D);
        Map<String, Object> audit = jdbc.sql("select actor, action, detail::text as after from audit_log"
                        + " where entity = 'duty-list' order by seq desc limit 1")
                .query()
                .singleRow();
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'duty-list'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before + 1);
        assertThat(audit.get("actor")).isEqualTo("yb");
        assertThat(audit.get("action")).isEqualTo("DOWNLOAD");
        assertThat(audit.get("after").toString()).contains("\"rows\": 5", "MEDICAL_INSURANCE");
    }

    @Test
    void thePageShowsTheListInWords() throws Exception {
        MvcTestResult r = get("jy", "/duty-lists");
        assertThat(r).hasStatus(302); // one list: straight to it
        MvcTestResult page = get("jy", "/duty-lists/SCHOOL_AGE_CHILDREN");
        assertThat(page).hasStatusOk();
        assertThat(body(page))
                .contains("监测对象家庭学龄人口", "甲孩", "小学", "下载 CSV")
                .doesNotContain(CHILD_A)
                .doesNotContain("SCHOOL_AGE_CHILDREN<", "PRIMARY");
    }
}
