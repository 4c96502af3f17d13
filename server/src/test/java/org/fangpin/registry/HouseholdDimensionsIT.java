package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Who a household is (户属性, with flags and exit year) and its monitoring state (with category, dates, causes and
 * how its risk ended) are two dimensions: through the API, v1's single status, search, the dashboard's figures and
 * the import template.
 */
@IntegrationTest
class HouseholdDimensionsIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regionImporter;

    @Autowired
    Registry registry;

    @Autowired
    RegionDirectory regions;

    @Autowired
    HouseholdImporter importer;

    @Autowired
    HouseholdExporter exporter;

    @TempDir
    Path dir;

    private static final LocalDate TODAY = LocalDate.now(TestData.ZONE);
    private int seq = 10;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
    }

    private String head() {
        return """
                {"name":"户主%d","idNumber":"%s","relation":"HEAD"}""".formatted(seq, TestData.id("1970-01-01", seq++));
    }

    private MvcTestResult create(String household, String effective) {
        return mvc.post()
                .uri("/api/v1/households")
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"household":%s,"members":[%s],"effectiveDate":"%s","reason":"登记"}""".formatted(household, head(), effective))
                .exchange();
    }

    private MvcTestResult update(long id, int version, String household, String effective) {
        return mvc.put()
                .uri("/api/v1/households/{id}", id)
                .header("If-Match", "\"" + version + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"household":%s,"effectiveDate":"%s","reason":"变更"}""".formatted(household, effective))
                .exchange();
    }

    private static String body(MvcTestResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private static <T> T read(MvcTestResult r, String path) throws Exception {
        return JsonPath.read(body(r), path);
    }

    private static String fields(String no, String rest) {
        return "{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + TestData.VILLAGE + "\"," + rest + "}";
    }

    @Test
    void v1StatusIsReadAsBothDimensionsAndShownDerived() throws Exception {
        // a v1 client: 监测对象 with an exit year is a 脱贫户 monitored (脱贫不稳定户), from the effective date
        String included = TODAY.minusDays(30).toString();
        MvcTestResult r = create(
                fields(
                        "D1",
                        "\"status\":\"MONITORED\",\"exitYear\":2019,\"monitoringCategory\":\"UNSTABLE\","
                                + "\"riskCauses\":[\"ILLNESS\"]"),
                included);
        assertThat(r).hasStatus(201);
        assertThat(read(r, "$.identity").toString()).isEqualTo("EXITED");
        assertThat(read(r, "$.monitoringState").toString()).isEqualTo("MONITORED");
        assertThat(read(r, "$.monitoringSince").toString()).isEqualTo(included);
        assertThat(read(r, "$.status").toString()).isEqualTo("MONITORED");
        long id = ((Number) read(r, "$.id")).longValue();

        // a later v1 update (income only) keeps the inclusion date and any flags it does not know about
        jdbc.sql("update household set identity_flags = '{RELOCATED}' where household_id = ? and valid_to is null")
                .param(id)
                .update();
        MvcTestResult u = update(
                id,
                1,
                fields(
                        "D1",
                        "\"status\":\"MONITORED\",\"exitYear\":2019,\"monitoringCategory\":\"UNSTABLE\","
                                + "\"riskCauses\":[\"ILLNESS\"],\"income\":{\"year\":2025,\"wage\":9000}"),
                TODAY.minusDays(10).toString());
        assertThat(u).hasStatusOk();
        assertThat(read(u, "$.monitoringSince").toString()).isEqualTo(included);
        assertThat((List<String>) read(u, "$.identityFlags")).containsExactly("RELOCATED");

        // eliminated (风险自然消失): category, inclusion date and causes stay on record; who it is never changes
        MvcTestResult e = update(
                id,
                2,
                fields(
                        "D1",
                        "\"identity\":\"EXITED\",\"exitYear\":2019,\"monitoringState\":\"ELIMINATED\","
                                + "\"eliminationKind\":\"NATURAL\",\"riskCauses\":[\"ILLNESS\"]"),
                TODAY.toString());
        assertThat(e).hasStatusOk();
        assertThat(read(e, "$.monitoringCategory").toString()).isEqualTo("UNSTABLE");
        assertThat(read(e, "$.monitoringSince").toString()).isEqualTo(included);
        assertThat(read(e, "$.eliminatedOn").toString()).isEqualTo(TODAY.toString());
        assertThat(read(e, "$.eliminationKind").toString()).isEqualTo("NATURAL");
        assertThat(read(e, "$.identity").toString()).isEqualTo("EXITED");
        assertThat(read(e, "$.status").toString()).isEqualTo("ELIMINATED");
        // "as of" the inclusion: what was true then
        assertThat(mvc.get().uri("/api/v1/households/{id}?asOf={d}", id, included))
                .bodyJson()
                .extractingPath("$.monitoringState")
                .isEqualTo("MONITORED");
    }

    @Test
    void aV1ClientThatEchoesAViewChangesWhatItsStatusSays() throws Exception {
        MvcTestResult r = create(
                fields(
                        "V1",
                        "\"identity\":\"EXITED\",\"exitYear\":2019,\"monitoringState\":\"ELIMINATED\","
                                + "\"monitoringCategory\":\"UNSTABLE\",\"monitoringSince\":\"" + TODAY.minusDays(300)
                                + "\",\"eliminatedOn\":\"" + TODAY.minusDays(100) + "\",\"riskCauses\":[\"ILLNESS\"]"),
                TODAY.minusDays(20).toString());
        assertThat(r).hasStatus(201);
        long id = ((Number) read(r, "$.id")).longValue();
        // the whole view sent back with only its status changed: the status decides, and what it cannot know goes
        String view = body(mvc.get().uri("/api/v1/households/{id}", id).exchange());
        String echoed = view.replace("\"status\":\"ELIMINATED\"", "\"status\":\"EXITED\"");
        assertThat(echoed).isNotEqualTo(view);
        MvcTestResult u = update(id, 1, echoed, TODAY.toString());
        assertThat(u).hasStatusOk();
        assertThat(read(u, "$.monitoringState").toString()).isEqualTo("NONE");
        assertThat(body(u)).doesNotContain("monitoringCategory", "eliminatedOn", "monitoringSince");
        assertThat(read(u, "$.identity").toString()).isEqualTo("EXITED");
        // 监测对象 without an exit year: whoever the household was (a 脱贫户 stays one)
        MvcTestResult m = update(
                id,
                2,
                fields(
                        "V1",
                        "\"status\":\"MONITORED\",\"monitoringCategory\":\"UNSTABLE\",\"riskCauses\":[\"ILLNESS\"]"),
                TODAY.toString());
        assertThat(m).hasStatusOk();
        assertThat(read(m, "$.identity").toString()).isEqualTo("EXITED");
        assertThat(read(m, "$.exitYear").toString()).isEqualTo("2019");
        assertThat(read(m, "$.monitoringSince").toString()).isEqualTo(TODAY.toString());
        // 一般农户 with an exit year is a contradiction, not a 脱贫户
        assertThat(create(fields("V2", "\"status\":\"ORDINARY\",\"exitYear\":2019"), TODAY.toString()))
                .hasStatus(422)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("exitYear");
        // left out, the monitoring state stays (it never ends without being said)
        MvcTestResult kept = update(
                id,
                3,
                fields(
                        "V1",
                        "\"identity\":\"EXITED\",\"exitYear\":2019,"
                                + "\"monitoringCategory\":\"UNSTABLE\",\"riskCauses\":[\"ILLNESS\"],\"address\":\"二组\""),
                TODAY.toString());
        assertThat(kept).hasStatusOk();
        assertThat(read(kept, "$.monitoringState").toString()).isEqualTo("MONITORED");
    }

    @Test
    void eachDimensionHasItsOwnRules() throws Exception {
        assertThat(create(fields("R1", "\"identity\":\"ORDINARY\",\"exitYear\":2019"), TODAY.toString()))
                .hasStatus(422)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("exitYear");
        assertThat(create(fields("R2", "\"identity\":\"EXITED\""), TODAY.toString()))
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("exitYear");
        assertThat(create(
                        fields(
                                "R3",
                                "\"identity\":\"ORDINARY\",\"monitoringState\":\"NONE\",\"eliminatedOn\":\"" + TODAY
                                        + "\""),
                        TODAY.toString()))
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("eliminatedOn");
        assertThat(create(
                        fields(
                                "R4",
                                "\"identity\":\"ORDINARY\",\"monitoringState\":\"MONITORED\","
                                        + "\"monitoringCategory\":\"MARGINAL\",\"riskCauses\":[\"DISASTER\"],"
                                        + "\"monitoringSince\":\"" + TODAY.plusDays(1) + "\""),
                        TODAY.toString()))
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("monitoringSince");
        MvcTestResult none = mvc.post()
                .uri("/api/v1/households")
                .header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"household\":" + fields("R5", "\"exitYear\":2019") + ",\"members\":[" + head() + "]}")
                .exchange();
        assertThat(none)
                .hasStatus(422)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("identity");
        assertThat(jdbc.sql("select count(*) from household").query(Long.class).single())
                .isZero();
    }

    @Test
    void searchAndFiguresUseBothDimensions() throws Exception {
        String day = TODAY.minusDays(5).toString();
        create(fields("S-EXITED", "\"identity\":\"EXITED\",\"exitYear\":2018"), day);
        create(
                fields("S-EXITED-2", "\"identity\":\"EXITED\",\"exitYear\":2017,\"identityFlags\":[\"RELOCATED\"]"),
                day);
        create(fields("S-ORD", "\"identity\":\"ORDINARY\""), day);
        create(
                fields(
                        "S-ORD-MON",
                        "\"identity\":\"ORDINARY\",\"monitoringState\":\"MONITORED\",\"monitoringCategory\":"
                                + "\"MARGINAL\",\"riskCauses\":[\"ILLNESS\"]"),
                day);
        var region = regions.find(TestData.VILLAGE).orElseThrow();
        RegionStatistics before = registry.statistics(region);
        assertThat(before.households(HouseholdIdentity.EXITED)).isEqualTo(2);
        assertThat(before.households(MonitoringState.MONITORED)).isEqualTo(1);

        // including a 脱贫户 leaves the number of 脱贫户 as it was (one status column used to lose one each time)
        HouseholdView exited = byNo("S-EXITED");
        registry.updateHousehold(
                exited.id(),
                exited.version(),
                exited.fields().included(MonitoringCategory.UNSTABLE, List.of(RiskCause.ILLNESS), TODAY),
                new Registry.Change("t", TODAY, "纳入监测"));
        RegionStatistics after = registry.statistics(region);
        assertThat(after.households(HouseholdIdentity.EXITED)).isEqualTo(2);
        assertThat(after.households(MonitoringState.MONITORED)).isEqualTo(2);
        assertThat(after.households(HouseholdIdentity.EXITED, MonitoringState.MONITORED))
                .isEqualTo(1);
        assertThat(after.households(HouseholdIdentity.ORDINARY, MonitoringState.NONE))
                .isEqualTo(1);
        assertThat(after.categories())
                .containsEntry(MonitoringCategory.UNSTABLE, 1L)
                .containsEntry(MonitoringCategory.MARGINAL, 1L);

        assertThat(numbers("identity=EXITED")).containsExactlyInAnyOrder("S-EXITED", "S-EXITED-2");
        assertThat(numbers("state=MONITORED")).containsExactlyInAnyOrder("S-EXITED", "S-ORD-MON");
        assertThat(numbers("identity=ORDINARY&state=NONE")).containsExactly("S-ORD");
        assertThat(numbers("flag=RELOCATED")).containsExactly("S-EXITED-2");
        // a category names monitored households unless a state is given (as in v1)
        assertThat(numbers("category=MARGINAL")).containsExactly("S-ORD-MON");
        assertThat(numbers("category=MARGINAL&state=ELIMINATED")).isEmpty();
        // v1's status filter: 脱贫户 not monitored, as it always meant
        assertThat(numbers("status=EXITED")).containsExactly("S-EXITED-2");
        assertThat(numbers("status=MONITORED")).containsExactlyInAnyOrder("S-EXITED", "S-ORD-MON");
    }

    @Test
    void theTemplateHasBothDimensionsAndOldFilesStillImport() throws Exception {
        String header = String.join(
                ",",
                HouseholdColumn.written().stream().map(HouseholdColumn::header).toList());
        assertThat(header)
                .contains("户属性", "户标识", "监测状态", "纳入监测日期", "风险消除日期", "风险消除方式")
                .doesNotContain("户类型");
        String since = TODAY.minusDays(100).toString();
        String file = "户编号,行政区划代码,户属性,户标识,脱贫年度,监测状态,监测类别,纳入监测日期,风险类型,风险消除日期,风险消除方式,"
                + "姓名,公民身份号码,与户主关系\n"
                + "T1," + TestData.VILLAGE + ",脱贫户,易地扶贫搬迁户,2019,风险已消除,脱贫不稳定户," + since + ",因病,"
                + TODAY.minusDays(3) + ",风险自然消失,甲," + TestData.id("1960-01-01", 51) + ",户主\n"
                + "T2," + TestData.VILLAGE + ",一般农户,,2019,未纳入监测,,,,,,乙," + TestData.id("1960-01-01", 61)
                + ",户主\n";
        var report = importer.importFile(
                TestData.write(dir, "t.csv", file),
                "t.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        // the 一般农户 with an exit year is refused on its own line, and nothing is imported
        assertThat(report.errors()).hasSize(1);
        assertThat(report.errors().get(0).row()).isEqualTo(3);
        assertThat(report.errors().get(0).column()).isEqualTo("脱贫年度");
        assertThat(jdbc.sql("select count(*) from household").query(Long.class).single())
                .isZero();

        report = importer.importFile(
                TestData.write(dir, "t2.csv", file.replace("一般农户,,2019,", "一般农户,,,")),
                "t2.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        HouseholdView t1 = byNo("T1");
        assertThat(t1.identity()).isEqualTo(HouseholdIdentity.EXITED);
        assertThat(t1.identityFlags()).containsExactly(IdentityFlag.RELOCATED);
        assertThat(t1.monitoringState()).isEqualTo(MonitoringState.ELIMINATED);
        assertThat(t1.monitoringSince()).isEqualTo(LocalDate.parse(since));
        assertThat(t1.eliminationKind()).isEqualTo(EliminationKind.NATURAL);
        assertThat(byNo("T2").monitoringState()).isEqualTo(MonitoringState.NONE);

        // a file made before the two columns: 户类型 is read as both, and what it cannot say is kept
        String old = "户编号,行政区划代码,户类型,脱贫年度,风险类型,姓名,公民身份号码,与户主关系\n" + "T1," + TestData.VILLAGE + ",风险已消除,2019,因病,甲,"
                + TestData.id("1960-01-01", 51) + ",户主\n";
        report = importer.importFile(
                TestData.write(dir, "old.csv", old),
                "old.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        assertThat(byNo("T1"))
                .returns(t1.version(), HouseholdView::version) // nothing changed
                .returns(List.of(IdentityFlag.RELOCATED), HouseholdView::identityFlags)
                .returns(EliminationKind.NATURAL, HouseholdView::eliminationKind);

        // the export writes both dimensions in words and imports back unchanged
        var out = new ByteArrayOutputStream();
        exporter.export(regions.find(TestData.VILLAGE).orElseThrow().subtree(), HouseholdExporter.Format.CSV, out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).contains("脱贫户,易地扶贫搬迁户,2019,风险已消除,脱贫不稳定户," + since + ",因病," + TODAY.minusDays(3) + ",风险自然消失");
        report = importer.importFile(
                TestData.write(dir, "back.csv", csv.replace("\uFEFF", "")),
                "back.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        assertThat(byNo("T1").version()).isEqualTo(t1.version());
        assertThat(byNo("T2").version()).isEqualTo(1);
    }

    private HouseholdView byNo(String no) {
        return registry.search(new HouseholdQuery(null, no, null, null, null, null, null, null, 10)).items().stream()
                .filter(h -> h.householdNo().equals(no))
                .findFirst()
                .orElseThrow();
    }

    private List<String> numbers(String query) throws Exception {
        MvcTestResult r = mvc.get().uri("/api/v1/households?" + query).exchange();
        assertThat(r).hasStatusOk();
        return read(r, "$.items[*].householdNo");
    }
}
