package org.fangpin.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * 识别认定 over HTTP, as the people of each level do it: a department's claim row becomes an alert, the alert a
 * case, the case a monitored household; rejection and return paths; deadlines; who may take which step where; two
 * users on one step.
 */
@IntegrationTest
@RecordApplicationEvents
class CaseWorkIT {

    @Autowired
    ApplicationEvents events;

    static final String PW = "Case-pass-123";
    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    static final String HEADER = "household_no,village_code,status,income_year,income_wage,name,id_number,relation,"
            + "labour_capacity,medical_insurance\n";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    FeedIntake intake;

    @Autowired
    MonitoringRuns runs;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    MockMvcTester mvc;
    final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "cadre", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "cw-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "other-cadre", "VILLAGE", TestData.OTHER_VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "other-town", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        int seq = 41;
        StringBuilder csv = new StringBuilder(HEADER);
        for (String no : List.of("CW-A", "CW-B", "CW-C")) {
            String id = TestData.id("1975-05-05", seq += 2);
            ids.put(no, id);
            csv.append(no)
                    .append(',')
                    .append(TestData.VILLAGE)
                    .append(",一般农户,")
                    .append(TODAY.getYear() - 1)
                    .append(",30000,户主")
                    .append(no)
                    .append(',')
                    .append(id)
                    .append(",户主,普通劳动力,true\n");
        }
        var report = households.importFile(
                TestData.write(dir, "h.csv", csv.toString()),
                "h.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    @Test
    void aClaimRowBecomesAnAlertThenACaseThenAMonitoredHousehold() throws Exception {
        // 医保 sends one large out-of-pocket claim; the run raises a medical-burden alert
        LocalDate visit = TODAY.minusDays(20);
        var r = intake.receiveRows(
                FeedType.MEDICAL_CLAIM,
                new FeedIntake.BatchHeader("YB-CW-1", YearMonth.from(visit), FeedType.MEDICAL_CLAIM.department()),
                List.of(Map.of(
                        "idNumber",
                        ids.get("CW-A"),
                        "visitDate",
                        visit.toString(),
                        "totalCost",
                        "30000",
                        "outOfPocket",
                        "12000")),
                Locale.CHINA);
        assertThat(r.batch()).isPresent();
        runs.run(TODAY);
        long household = householdId("CW-A");
        long alert = jdbc.sql("select id from alert where household_id = ? and 'MEDICAL_BURDEN' = any(rules)")
                .param(household)
                .query(Long.class)
                .single();

        // raised a week ago; assigned, checked and handed over now: that opens the case (部门筛查预警)
        jdbc.sql("update alert set created_at = created_at - interval '7 days' where id = ?")
                .param(alert)
                .update();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/assign", 1, "{\"assignee\":\"cadre\"}"))
                .hasStatusOk();
        assertThat(post(
                        "cadre",
                        "/api/v1/alerts/" + alert + "/verify",
                        2,
                        "{\"confirmed\":true,\"note\":\"住院自付1.2万\"}"))
                .hasStatusOk();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/hand-over", 3, ""))
                .hasStatusOk();
        MvcTestResult list = get("cadre", "/api/v1/cases?household=" + household);
        assertThat(list).hasStatusOk();
        String body = list.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<Object>) JsonPath.read(body, "$")).hasSize(1);
        long id = ((Number) JsonPath.read(body, "$[0].id")).longValue();
        assertThat((String) JsonPath.read(body, "$[0].channel")).isEqualTo("ALERT");
        assertThat((String) JsonPath.read(body, "$[0].stage")).isEqualTo("VERIFICATION");
        assertThat(((Number) JsonPath.read(body, "$[0].alertId")).longValue()).isEqualTo(alert);
        assertThat((List<String>) JsonPath.read(body, "$[0].suggestedCauses")).contains("ILLNESS");
        assertThat((String) JsonPath.read(body, "$[0].statement")).contains("医疗");
        // discovered when the department's screening raised it; 15 days to decide
        assertThat((String) JsonPath.read(body, "$[0].discoveredOn"))
                .isEqualTo(TODAY.minusDays(7).toString());
        assertThat((String) JsonPath.read(body, "$[0].deadline"))
                .isEqualTo(TODAY.plusDays(8).toString());
        String path = "/api/v1/cases/" + id;

        // another village does not see it and cannot act on it; the county cannot do the village's step
        assertThat(get("other-cadre", path)).hasStatus(404);
        assertThat(get("other-cadre", "/api/v1/cases")).bodyText().doesNotContain("CW-A");
        assertThat(post("other-cadre", path + "/verification", 1, findings(path)))
                .hasStatus(404);
        assertThat(post("cw-county", path + "/verification", 1, findings(path))).hasStatus(403);
        assertThat(post("cadre", path + "/verification", 1, "{\"visitedOn\":\"" + TODAY + "\"}"))
                .hasStatus(422)
                .bodyText()
                .contains("riskConfirmed", "note");
        assertThat(post("cadre", path + "/council", 1, council(5))).hasStatus(409); // not at that stage yet
        assertThat(inbox("cadre")).contains("\"VERIFY\"").contains("CW-A");

        // two people on the same step: the first wins, the second is told the case moved on
        assertThat(post("cadre", path + "/verification", 1, findings(path))).hasStatusOk();
        assertThat(post("town", path + "/verification", 1, findings(path))).hasStatus(412);
        assertThat(post("town", path + "/verification", 2, findings(path))).hasStatus(409);

        // council approves; publicity ran for five days up to yesterday; an objection stops the end until settled
        assertThat(post("town", path + "/council", 2, council(5))).hasStatus(403);
        // a council dated before the field visit it weighs (five days ago) is refused
        assertThat(post("cadre", path + "/council", 2, council(6)))
                .hasStatus(422)
                .bodyText()
                .contains("heldOn", TODAY.minusDays(5).toString());
        MvcTestResult c = post("cadre", path + "/council", 2, council(5));
        assertThat(c).hasStatusOk();
        String cb = c.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(cb, "$.stage")).isEqualTo("PUBLICITY");
        assertThat((String) JsonPath.read(cb, "$.publicityTo"))
                .isEqualTo(TODAY.minusDays(1).toString());
        assertThat(post(
                        "town",
                        path + "/objections",
                        3,
                        "{\"receivedOn\":\"" + TODAY.minusDays(2) + "\",\"raisedBy\":\"村民\",\"content\":\"家有轿车\"}"))
                .hasStatus(201);
        assertThat(post("cadre", path + "/publicity-end", 4, ""))
                .hasStatus(409)
                .bodyText()
                .contains("异议");
        assertThat(inbox("town")).contains("SETTLE_OBJECTION");
        long objection = jdbc.sql("select id from objection where subject = 'CASE' and subject_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        assertThat(post(
                        "town",
                        path + "/objections/" + objection + "/resolution",
                        4,
                        "{\"upheld\":false,\"note\":\"核实为亲属车辆，不影响认定\"}"))
                .hasStatusOk();
        assertThat(post("cadre", path + "/publicity-end", 5, "")).hasStatusOk();

        // township approves; only the county decides
        assertThat(post("cadre", path + "/township-review", 6, "{\"approved\":true}"))
                .hasStatus(403);
        assertThat(post("town", path + "/township-review", 6, "{\"approved\":true,\"note\":\"材料齐全\"}"))
                .hasStatusOk();
        assertThat(inbox("cw-county")).contains("COUNTY_DECISION").contains("CW-A");
        assertThat(post("town", path + "/county-decision", 7, inclusion())).hasStatus(403);
        assertThat(post("cw-county", path + "/county-decision", 7, "{\"include\":true}"))
                .hasStatus(422)
                .bodyText()
                .contains("category", "causes");
        MvcTestResult d = post("cw-county", path + "/county-decision", 7, inclusion());
        assertThat(d).hasStatusOk();
        assertThat((String) JsonPath.read(d.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.stage"))
                .isEqualTo("INCLUDED");
        assertThat(inbox("cw-county")).doesNotContain("COUNTY_DECISION");
        // the alert that led here is done with: closed, it no longer covers its rule
        assertThat(get("town", "/api/v1/alerts/" + alert)).bodyText().contains("\"status\":\"CLOSED\"");

        // the household is now a 监测对象 with category and causes from today, in its history
        String h = get("cw-county", "/api/v1/households/" + household)
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat((String) JsonPath.read(h, "$.status")).isEqualTo("MONITORED");
        assertThat((String) JsonPath.read(h, "$.monitoringCategory")).isEqualTo("SUDDEN_HARDSHIP");
        assertThat((List<String>) JsonPath.read(h, "$.riskCauses")).containsExactly("ILLNESS");
        assertThat((String) JsonPath.read(h, "$.validFrom")).isEqualTo(TODAY.toString());
        assertThat((String) JsonPath.read(h, "$.changeReason")).contains("识别案件 " + id);
        assertThat((String) JsonPath.read(h, "$.recordedBy")).isEqualTo("cw-county");

        // every step is on the household's timeline, with who and the stage it moved to
        String timeline = get("cadre", "/api/v1/households/" + household + "/history")
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(timeline)
                .contains("发现登记", "入户核实", "村民主评议通过", "公示异议", "公示期满", "乡镇审核通过", "县级审定纳入监测")
                .contains("cw-county · 县乡村振兴局", "town · 乡镇", "cadre · 村级信息员"); // who, in the role they acted in
        String full = get("cw-county", path).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<Object>) JsonPath.read(full, "$.steps")).hasSize(8);
        assertThat(JsonPath.<Object>read(full, "$.steps[1].details.riskConfirmed"))
                .isEqualTo(true);
        assertThat(JsonPath.<Object>read(full, "$.steps[1].actorRole")).isEqualTo("VILLAGE");

        // inclusion started the plan (一户一策); the county names the 帮扶责任人
        String plan = "/api/v1/plans/" + household;
        String pb = get("cadre", plan).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(pb).doesNotContain("responsibleName"); // none yet
        assertThat(JsonPath.<Object>read(pb, "$.plan.caseId")).isEqualTo((int) id);
        assertThat(JsonPath.<Object>read(pb, "$.plan.visitIntervalDays")).isEqualTo(30);
        assertThat(JsonPath.<Object>read(pb, "$.plan.startedOn")).isEqualTo(TODAY.toString());
        assertThat(get("other-cadre", plan)).hasStatus(404);
        assertThat(inbox("cw-county")).contains("NAME_RESPONSIBLE").contains("CW-A");
        String helper = post("cw-county", "/api/v1/helpers", null, "{\"name\":\"王帮扶\",\"phone\":\"13800000000\"}")
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String responsible = "{\"helperId\":" + JsonPath.read(helper, "$.id") + ",\"visitIntervalDays\":30}";
        assertThat(put("cadre", plan + "/responsible", 1, responsible)).hasStatus(403);
        assertThat(put("cw-county", plan + "/responsible", 1, responsible)).hasStatusOk();
        assertThat(put("cw-county", plan + "/responsible", 1, responsible)).hasStatus(412);
        assertThat(inbox("cw-county")).doesNotContain("NAME_RESPONSIBLE");

        // measures from the catalogue for the household's cause, each carried to done with its evidence
        assertThat(get("cadre", "/api/v1/measure-types?cause=ILLNESS"))
                .bodyText()
                .contains("MEDICAL_AID")
                .doesNotContain("HOUSING_RENOVATION");
        assertThat(post(
                        "cadre",
                        plan + "/measures",
                        null,
                        "{\"type\":\"NO_SUCH\",\"description\":\"x\"," + "\"plannedStart\":\"" + TODAY + "\"}"))
                .hasStatus(422)
                .bodyText()
                .contains("type");
        MvcTestResult added = post(
                "cadre",
                plan + "/measures",
                null,
                "{\"type\":\"MEDICAL_AID\",\"cause\":"
                        + "\"ILLNESS\",\"description\":\"申请医疗救助二次报销\",\"plannedStart\":\"" + TODAY + "\","
                        + "\"amount\":5000}");
        assertThat(added).hasStatus(201);
        String ab = added.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Object>read(ab, "$.department")).isEqualTo("MEDICAL_SECURITY");
        assertThat(JsonPath.<Object>read(ab, "$.status")).isEqualTo("PLANNED");
        String measure = plan + "/measures/" + JsonPath.<Object>read(ab, "$.id");
        assertThat(put("cadre", measure, 1, "{\"status\":\"DONE\",\"actualStart\":\"" + TODAY + "\"}"))
                .hasStatus(422)
                .bodyText()
                .contains("actualEnd", "evidence");
        assertThat(put("cadre", measure, 1, "{\"status\":\"IN_PROGRESS\",\"actualStart\":\"" + TODAY + "\"}"))
                .hasStatusOk();
        assertThat(put("cadre", measure, 1, "{\"status\":\"CANCELLED\",\"evidence\":\"x\"}"))
                .hasStatus(412);
        assertThat(put(
                        "cadre",
                        measure,
                        2,
                        "{\"status\":\"DONE\",\"actualEnd\":\"" + TODAY
                                + "\",\"amount\":4800,\"evidence\":\"医疗救助审批表及银行回单\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"status\":\"DONE\"", "4800");
        assertThat(put("cadre", measure, 3, "{\"status\":\"IN_PROGRESS\"}")).hasStatus(409);

        // visits: a household not visited within its interval is listed and waits in the cadre's inbox
        jdbc.sql("update assistance_plan set started_on = ? where household_id = ?")
                .params(TODAY.minusDays(40), household)
                .update();
        assertThat(get("town", "/api/v1/plans?visitOverdue=true")).bodyText().contains("CW-A");
        assertThat(get("town", "/api/v1/plans/counts")).bodyText().contains("\"visitOverdue\":1");
        assertThat(inbox("cadre")).contains("VISIT_DUE");
        assertThat(post(
                        "cadre",
                        plan + "/visits",
                        null,
                        "{\"visitedOn\":\"" + TODAY.minusDays(41) + "\",\"notes\":\"x\"}"))
                .hasStatus(422); // before the plan began
        assertThat(post(
                        "cadre",
                        plan + "/visits",
                        null,
                        "{\"visitedOn\":\"" + TODAY
                                + "\",\"notes\":\"已出院，医疗救助到位\",\"incomeStable\":true,\"needsSecured\":true}"))
                .hasStatus(201);
        assertThat(get("town", "/api/v1/plans?visitOverdue=true")).bodyText().doesNotContain("CW-A");

        // evidence files: a PNG photo of the visit is kept and served to those who may see the household; a file
        // that only claims to be a PDF is refused
        long visitId = jdbc.sql("select id from followup_visit where household_id = ?")
                .param(household)
                .query(Long.class)
                .single();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        MvcTestResult up = mvc.post()
                .uri(plan + "/visits/" + visitId + "/attachments")
                .multipart()
                .file(new MockMultipartFile("file", "../../走访照片.png", "image/png", png))
                .with(httpBasic("cadre", PW))
                .exchange();
        assertThat(up).hasStatus(201);
        String ub = up.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Object>read(ub, "$.fileName")).isEqualTo("走访照片.png");
        assertThat(JsonPath.<Object>read(ub, "$.contentType")).isEqualTo("image/png");
        assertThat(mvc.post()
                        .uri(plan + "/visits/" + visitId + "/attachments")
                        .multipart()
                        .file(new MockMultipartFile(
                                "file", "证明.pdf", "application/pdf", "MZ not a pdf".getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("cadre", PW))
                        .exchange())
                .hasStatus(422);
        String file = "/api/v1/attachments/" + JsonPath.<Object>read(ub, "$.id");
        MvcTestResult down = get("town", file);
        assertThat(down).hasStatusOk();
        assertThat(down.getResponse().getContentAsByteArray()).isEqualTo(png);
        assertThat(down.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(get("other-cadre", file)).hasStatus(404);
        assertThat(get("cadre", plan + "/attachments")).bodyText().contains("走访照片.png");
        assertThat(inbox("cadre")).doesNotContain("VISIT_DUE");
        assertThat(get("cadre", "/api/v1/households/" + household + "/history"))
                .bodyText()
                .contains("帮扶措施 · 医疗救助", "已落实", "已出院，医疗救助到位");

        // 风险消除: each criterion is shown met or not; assisted for only days, the household is not yet eligible
        String criteria = "/api/v1/plans/" + household + "/elimination-criteria";
        String before = get("town", criteria).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((Boolean) JsonPath.read(before, "$.allMet")).isFalse();
        assertThat((List<String>) JsonPath.read(before, "$.criteria[?(@.met == false)].check"))
                .containsExactly("ASSISTED_LONG_ENOUGH");
        // 风险自然消失 needs every criterion but the length of assistance: met
        assertThat((Boolean) JsonPath.read(before, "$.naturalMet")).isTrue();
        assertThat((List<String>) JsonPath.read(before, "$.criteria[?(@.check == 'INCOME_ABOVE_LINE')].evidence"))
                .singleElement()
                .asString()
                .contains("30000.00", "6000.00");
        assertThat(get("other-cadre", criteria)).hasStatus(404);
        // assisted for eight months, every visit in the last six found it stable, its measure done, income above the
        // line, no open alert — the system proposes it; an open measure takes it off the list again
        jdbc.sql("update assistance_plan set started_on = ? where household_id = ?")
                .params(TODAY.minusMonths(8), household)
                .update();
        // the plan alone is not enough: assistance counts from the latest inclusion
        assertThat((Boolean) JsonPath.read(
                        get("town", criteria).getResponse().getContentAsString(StandardCharsets.UTF_8), "$.allMet"))
                .isFalse();
        jdbc.sql("update household set monitoring_since = ? where household_id = ? and valid_to is null")
                .params(TODAY.minusMonths(8), household)
                .update();
        assertThat((Boolean) JsonPath.read(
                        get("town", criteria).getResponse().getContentAsString(StandardCharsets.UTF_8), "$.allMet"))
                .isTrue();
        String proposals = "/api/v1/cases/elimination-proposals";
        assertThat(get("town", proposals)).bodyText().contains("CW-A", "30000.00", "6000.00");
        MvcTestResult extra = post(
                "cadre",
                plan + "/measures",
                null,
                "{\"type\":\"EMPLOYMENT\",\"description\":" + "\"岗位推荐\",\"plannedStart\":\"" + TODAY + "\"}");
        assertThat(get("town", proposals)).bodyText().doesNotContain("CW-A");
        assertThat((List<String>) JsonPath.read(
                        get("town", criteria).getResponse().getContentAsString(StandardCharsets.UTF_8),
                        "$.criteria[?(@.met == false)].check"))
                .containsExactly("MEASURES_SETTLED");
        String extraMeasure = plan + "/measures/"
                + JsonPath.<Object>read(extra.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        assertThat(put("cadre", extraMeasure, 1, "{\"status\":\"CANCELLED\",\"evidence\":\"已自行就业\"}"))
                .hasStatusOk();
        assertThat(get("town", proposals)).bodyText().contains("CW-A");
        assertThat(post(
                        "cadre",
                        "/api/v1/cases",
                        null,
                        "{\"householdId\":" + household + ",\"channel\":\"PROPOSAL\",\"statement\":\"x\"}"))
                .hasStatus(422); // a proposal opens only an elimination
        MvcTestResult elim = post(
                "cadre",
                "/api/v1/cases",
                null,
                "{\"kind\":\"ELIMINATION\",\"householdId\":" + household + ",\"channel\":\"PROPOSAL\","
                        + "\"statement\":\"收入稳定超过监测线，三保障和饮水均有保障\",\"discoveredOn\":\""
                        + TODAY.minusDays(6) + "\"}");
        assertThat(elim).hasStatus(201);
        String ep = "/api/v1/cases/"
                + JsonPath.<Object>read(elim.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        assertThat(get("town", proposals)).bodyText().doesNotContain("CW-A"); // a case is open
        assertThat(post("cadre", ep + "/verification", 1, findings(ep))).hasStatusOk();
        assertThat(post("cadre", ep + "/council", 2, council(5))).hasStatusOk();
        assertThat(post("cadre", ep + "/publicity-end", 3, "")).hasStatusOk();
        assertThat(post("town", ep + "/township-review", 4, "{\"approved\":true}"))
                .hasStatusOk();
        assertThat(post("cw-county", ep + "/county-decision", 5, "{\"include\":true}"))
                .hasStatus(422)
                .bodyText()
                .contains("eliminate");
        Map<String, Object> monitored = dimensions(household);
        assertThat(post("cw-county", ep + "/county-decision", 5, "{\"eliminate\":true}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"ELIMINATED\"");
        assertThat(status(household)).isEqualTo("ELIMINATED");
        // who the household is, its category and inclusion date stay; the elimination has its date and kind
        Map<String, Object> eliminated = dimensions(household);
        assertThat(eliminated.get("identity")).isEqualTo(monitored.get("identity"));
        assertThat(eliminated.get("monitoring_category")).isNotNull().isEqualTo(monitored.get("monitoring_category"));
        assertThat(eliminated.get("monitoring_since")).isNotNull().isEqualTo(monitored.get("monitoring_since"));
        assertThat(eliminated.get("eliminated_on")).isEqualTo(Date.valueOf(TODAY));
        assertThat(eliminated.get("elimination_kind")).isEqualTo("ASSISTED");
        // 四个不摘: the plan and its measures stay
        assertThat(get("cadre", plan)).hasStatusOk().bodyText().contains("MEDICAL_AID", "\"DONE\"");

        // 返贫即入 by the one rule: the head dies; the monitoring run raises a new alert; once confirmed and handed
        // over it opens an identification case like any other household's (先帮扶后认定 is off by default)
        var death = intake.receiveRows(
                FeedType.HOUSEHOLD_REGISTRATION,
                new FeedIntake.BatchHeader(
                        "GA-CW-1", YearMonth.from(TODAY), FeedType.HOUSEHOLD_REGISTRATION.department()),
                List.of(Map.of(
                        "idNumber", ids.get("CW-A"), "registrationEvent", "DEATH", "eventDate", TODAY.toString())),
                Locale.CHINA);
        assertThat(death.batch()).isPresent();
        runs.run(TODAY);
        long second = jdbc.sql("select id from alert where household_id = ? and 'LABOUR_LOSS' = any(rules)")
                .param(household)
                .query(Long.class)
                .single();
        assertThat(post("town", "/api/v1/alerts/" + second + "/verify", 1, "{\"confirmed\":true,\"note\":\"户主去世\"}"))
                .hasStatusOk();
        assertThat(post("town", "/api/v1/alerts/" + second + "/hand-over", 2, ""))
                .hasStatusOk();
        assertThat(status(household)).isEqualTo("ELIMINATED");
        assertThat(get("cw-county", "/api/v1/cases?household=" + household))
                .bodyText()
                .contains("\"stage\":\"VERIFICATION\"", "\"alertId\":" + second);

        // every decision went out as an event for reporting
        assertThat(events.stream(Cases.Opened.class)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(events.stream(Cases.Decided.class).map(Cases.Decided::kind))
                .contains(CaseKind.IDENTIFICATION, CaseKind.ELIMINATION);
        assertThat(events.stream(AssistancePlans.MeasureRecorded.class).map(m -> m.status()))
                .contains(
                        MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS, MeasureStatus.DONE, MeasureStatus.CANCELLED);
        assertThat(events.stream(AssistancePlans.VisitRecorded.class)).hasSize(1);

        // a monitored household needs no new identification case
        assertThat(post(
                        "cadre",
                        "/api/v1/cases",
                        null,
                        "{\"householdId\":" + household + ",\"channel\":\"APPLICATION\",\"statement\":\"再申请\"}"))
                .hasStatus(409);
    }

    @Test
    void rejectionsReturnsAndDeadlines() throws Exception {
        long b = householdId("CW-B");
        long c = householdId("CW-C");
        // an application entered by the cadre, discovered 20 days ago: past its 15-day deadline
        MvcTestResult opened = post(
                "cadre",
                "/api/v1/cases",
                null,
                "{\"householdId\":" + b + ",\"channel\":\"APPLICATION\",\"statement\":\"户主因病无法务工，申请纳入\","
                        + "\"discoveredOn\":\"" + TODAY.minusDays(20) + "\"}");
        assertThat(opened).hasStatus(201);
        long caseB = ((Number) JsonPath.read(opened.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id"))
                .longValue();
        assertThat(post(
                        "cadre",
                        "/api/v1/cases",
                        null,
                        "{\"householdId\":" + b + ",\"channel\":\"CADRE_CHECK\",\"statement\":\"again\"}"))
                .hasStatus(409); // one open case per household
        assertThat(post(
                        "cadre",
                        "/api/v1/cases",
                        null,
                        "{\"householdId\":" + c + ",\"channel\":\"ALERT\",\"statement\":\"x\"}"))
                .hasStatus(422); // alert cases come from handed-over alerts
        assertThat(post(
                        "other-cadre",
                        "/api/v1/cases",
                        null,
                        "{\"householdId\":" + c + ",\"channel\":\"APPLICATION\",\"statement\":\"x\"}"))
                .hasStatus(404); // another village's household
        assertThat(get("cw-county", "/api/v1/cases?overdue=true")).bodyText().contains("CW-B");
        assertThat(get("cw-county", "/api/v1/cases/counts")).bodyText().contains("\"overdue\":1", "\"VERIFICATION\":1");
        assertThat(inbox("cadre")).contains("\"overdue\":true");

        // the township verifies; the council does not approve: the case ends, late, the household unchanged
        String pathB = "/api/v1/cases/" + caseB;
        assertThat(post("town", pathB + "/verification", 1, findings(pathB))).hasStatusOk();
        assertThat(post(
                        "cadre",
                        pathB + "/council",
                        2,
                        "{\"heldOn\":\"" + TODAY + "\",\"attendees\":9,"
                                + "\"votesFor\":2,\"votesAgainst\":7,\"approved\":false}"))
                .hasStatus(422);
        assertThat(post(
                        "cadre",
                        pathB + "/council",
                        2,
                        "{\"heldOn\":\"" + TODAY + "\",\"attendees\":9,"
                                + "\"votesFor\":2,\"votesAgainst\":7,\"approved\":false,\"note\":\"收入高于监测线\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"REJECTED\"", "收入高于监测线");
        assertThat(get("cw-county", "/api/v1/cases/counts"))
                .bodyText()
                .contains("\"overdue\":0", "\"decidedLate\":1", "\"REJECTED\":1");
        assertThat(status(b)).isEqualTo("ORDINARY");

        // CW-C: a cadre's finding; an upheld objection and a township return each send it back to verification
        MvcTestResult openedC = post(
                "cadre",
                "/api/v1/cases",
                null,
                "{\"householdId\":" + c + ",\"channel\":\"CADRE_CHECK\",\"statement\":\"房屋受损\"," + "\"discoveredOn\":\""
                        + TODAY.minusDays(6) + "\"}");
        long caseC = ((Number) JsonPath.read(openedC.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id"))
                .longValue();
        String pathC = "/api/v1/cases/" + caseC;
        assertThat(post("cadre", pathC + "/verification", 1, findings(pathC))).hasStatusOk();
        // a publicity that started today cannot end today
        assertThat(post("cadre", pathC + "/council", 2, council(0))).hasStatusOk();
        assertThat(post("cadre", pathC + "/publicity-end", 3, ""))
                .hasStatus(409)
                .bodyText()
                .contains("公示期至");
        assertThat(post("cadre", pathC + "/objections", 3, "{\"content\":\"收入不实\"}"))
                .hasStatus(201);
        long objection = jdbc.sql("select id from objection where subject = 'CASE' and subject_id = ?")
                .param(caseC)
                .query(Long.class)
                .single();
        assertThat(post(
                        "cadre",
                        pathC + "/objections/" + objection + "/resolution",
                        4,
                        "{\"upheld\":true," + "\"note\":\"重新核实收入\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"VERIFICATION\"");
        assertThat(post(
                        "cadre",
                        pathC + "/objections/" + objection + "/resolution",
                        5,
                        "{\"upheld\":false," + "\"note\":\"x\"}"))
                .hasStatus(409); // no longer in publicity
        assertThat(post("cadre", pathC + "/verification", 5, findings(pathC))).hasStatusOk();
        assertThat(post("cadre", pathC + "/council", 6, council(5))).hasStatusOk();
        assertThat(post("cadre", pathC + "/publicity-end", 7, "")).hasStatusOk();
        assertThat(post("town", pathC + "/township-review", 8, "{\"approved\":false}"))
                .hasStatus(422);
        assertThat(post("town", pathC + "/township-review", 8, "{\"approved\":false,\"note\":\"缺少收入证明\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"VERIFICATION\"");
        assertThat(post("cadre", pathC + "/verification", 9, findings(pathC))).hasStatusOk();
        assertThat(post("cadre", pathC + "/council", 10, council(5))).hasStatusOk();
        assertThat(post("cadre", pathC + "/publicity-end", 11, "")).hasStatusOk();
        assertThat(post("other-town", pathC + "/township-review", 12, "{\"approved\":true}"))
                .hasStatus(404);
        assertThat(post("town", pathC + "/township-review", 12, "{\"approved\":true}"))
                .hasStatusOk();
        assertThat(post("cw-county", pathC + "/county-decision", 13, "{\"include\":false}"))
                .hasStatus(422);
        assertThat(post("cw-county", pathC + "/county-decision", 13, "{\"include\":false,\"reason\":\"房屋已修缮\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"REJECTED\"", "房屋已修缮");
        assertThat(status(c)).isEqualTo("ORDINARY");
        // in time: decided within 15 days of discovery
        assertThat(get("cw-county", "/api/v1/cases/counts")).bodyText().contains("\"decidedInTime\":1");
        // English problem documents
        assertThat(mvc.post()
                        .uri(pathC + "/verification")
                        .with(httpBasic("cadre", PW))
                        .header("If-Match", "\"14\"")
                        .header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(findings(pathC))
                        .exchange())
                .hasStatus(409)
                .bodyText()
                .contains("Not included");

        // 申诉: the household says it was wrongly not included; the county upholds it and a new case opens,
        // dated the grievance
        assertThat(post(
                        "cadre",
                        "/api/v1/grievances",
                        null,
                        "{\"householdId\":" + b + ",\"kind\":" + "\"WRONGLY_REJECTED\",\"caseId\":" + caseC
                                + ",\"content\":\"x\"}"))
                .hasStatus(422); // another household's case
        assertThat(post(
                        "cadre",
                        "/api/v1/grievances",
                        null,
                        "{\"householdId\":" + c + ",\"kind\":" + "\"WRONGLY_ELIMINATED\",\"content\":\"x\"}"))
                .hasStatus(409); // its risk was never eliminated
        MvcTestResult lodged = post(
                "cadre",
                "/api/v1/grievances",
                null,
                "{\"householdId\":" + b + ",\"kind\":"
                        + "\"WRONGLY_REJECTED\",\"caseId\":" + caseB + ",\"byHousehold\":true,\"complainant\":\"户主\","
                        + "\"content\":\"评议时收入按往年计算，今年户主住院\",\"receivedOn\":\"" + TODAY.minusDays(20) + "\"}");
        assertThat(lodged).hasStatus(201);
        String gp = "/api/v1/grievances/"
                + JsonPath.<Object>read(lodged.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        assertThat(get("cw-county", "/api/v1/grievances/counts")).bodyText().contains("\"open\":1", "\"overdue\":1");
        assertThat(inbox("cw-county")).contains("DECIDE_GRIEVANCE");
        assertThat(get("other-cadre", gp)).hasStatus(404);
        String ruling = "{\"upheld\":true,\"decision\":\"属实，重新识别\"}";
        assertThat(post("cadre", gp + "/decision", 1, ruling)).hasStatus(403);
        assertThat(post("cw-county", gp + "/decision", 2, ruling)).hasStatus(412);
        MvcTestResult decided = post("cw-county", gp + "/decision", 1, ruling);
        assertThat(decided).hasStatusOk();
        String db = decided.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Object>read(db, "$.status")).isEqualTo("UPHELD");
        assertThat(events.stream(Grievances.Decided.class).filter(Grievances.Decided::upheld))
                .hasSize(1);
        Object followUp = JsonPath.read(db, "$.followUpCase");
        String fb =
                get("cw-county", "/api/v1/cases/" + followUp).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Object>read(fb, "$.file.stage")).isEqualTo("VERIFICATION");
        assertThat(JsonPath.<Object>read(fb, "$.file.discoveredOn"))
                .isEqualTo(TODAY.minusDays(20).toString());
        assertThat(JsonPath.<Object>read(fb, "$.file.statement").toString()).contains("评议时收入按往年计算");
        assertThat(post("cw-county", gp + "/decision", 2, ruling)).hasStatus(409); // decided already
        assertThat(get("cw-county", "/api/v1/grievances/counts"))
                .bodyText()
                .contains("\"open\":0", "\"decidedLate\":1");
        assertThat(get("cadre", "/api/v1/households/" + b + "/history"))
                .bodyText()
                .contains("申诉", "属实，重新识别");
    }

    @Test
    void anUpheldGrievanceAgainstAnEliminationIncludesTheHouseholdAgain() throws Exception {
        String id = TestData.id("1980-08-08", 71);
        var report = households.importFile(
                TestData.write(
                        dir,
                        "e.csv",
                        "household_no,village_code,status,risk_causes,name,id_number,relation\nCW-E," + TestData.VILLAGE
                                + ",风险已消除,因病,户主E," + id + ",户主\n"),
                "e.csv",
                "t",
                Locale.CHINA,
                new HouseholdImporter.Options(null, null));
        assertThat(report.errors()).isEmpty();
        long e = householdId("CW-E");
        MvcTestResult lodged = post(
                "town",
                "/api/v1/grievances",
                null,
                "{\"householdId\":" + e + ",\"kind\":" + "\"WRONGLY_ELIMINATED\",\"content\":\"消除时仍在治疗，医疗费用负担重\"}");
        assertThat(lodged).hasStatus(201);
        String gp = "/api/v1/grievances/"
                + JsonPath.<Object>read(lodged.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.id");
        assertThat(post("cw-county", gp + "/decision", 1, "{\"upheld\":true,\"decision\":\"消除过早\"}"))
                .hasStatusOk();
        assertThat(status(e)).isEqualTo("MONITORED");
        String h = get("cw-county", "/api/v1/households/" + e).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat((List<String>) JsonPath.read(h, "$.riskCauses")).containsExactly("ILLNESS");
        // no elimination case on record to take the category from: it follows from who the household is (no exit
        // year, never a 脱贫户: 边缘易致贫户)
        assertThat((String) JsonPath.read(h, "$.monitoringCategory")).isEqualTo("MARGINAL");
        assertThat((String) JsonPath.read(h, "$.changeReason")).contains("申诉");
        assertThat(get("cw-county", "/api/v1/cases?household=" + e)).bodyText().contains("\"stage\":\"INCLUDED\"");
        assertThat(get("cw-county", "/api/v1/plans/" + e)).hasStatusOk(); // the plan starts again

        // monitored again, it is assessed unsafe: the confirmed alert adds the new cause and is closed, no case
        var r = intake.receiveRows(
                FeedType.HOUSING,
                new FeedIntake.BatchHeader("ZJ-CW-1", YearMonth.from(TODAY), FeedType.HOUSING.department()),
                List.of(Map.of("householdNo", "CW-E", "housingGrade", "D", "assessedOn", TODAY.toString())),
                Locale.CHINA);
        assertThat(r.batch()).isPresent();
        runs.run(TODAY);
        long alert = jdbc.sql("select id from alert where household_id = ? and 'UNSAFE_HOUSING' = any(rules)")
                .param(e)
                .query(Long.class)
                .single();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/verify", 1, "{\"confirmed\":true,\"note\":\"D级危房\"}"))
                .hasStatusOk();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/hand-over", 2, ""))
                .hasStatusOk();
        String after =
                get("cw-county", "/api/v1/households/" + e).getResponse().getContentAsString(StandardCharsets.UTF_8);
        // (its member's insurance is not recorded, so the alert also carries the uninsured rule's cause)
        assertThat((List<String>) JsonPath.read(after, "$.riskCauses")).startsWith("ILLNESS", "HOUSING");
        assertThat((String) JsonPath.read(after, "$.changeReason")).contains(String.valueOf(alert), "住房");
        assertThat(get("town", "/api/v1/alerts/" + alert)).bodyText().contains("\"status\":\"CLOSED\"");
        assertThat(jdbc.sql("select count(*) from case_file where household_id = ? and closed_at is null")
                        .param(e)
                        .query(Long.class)
                        .single())
                .isZero();
        // the next run does not raise it again: the household carries the cause now
        runs.run(TODAY);
        assertThat(jdbc.sql("select count(*) from alert where household_id = ? and status = 'NEW'")
                        .param(e)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /**
     * Findings of a field visit made five days ago, or on the case's discovery day if that is later: before the
     * council that {@link #council} holds five days ago or later.
     */
    private String findings(String casePath) {
        String discovered = JsonPath.read(
                new String(get("cw-county", casePath).getResponse().getContentAsByteArray(), StandardCharsets.UTF_8),
                "$.file.discoveredOn");
        LocalDate visited = LocalDate.parse(discovered).isAfter(TODAY.minusDays(5))
                ? LocalDate.parse(discovered)
                : TODAY.minusDays(5);
        return "{\"visitedOn\":\"" + visited + "\",\"perCapitaIncome\":4200,\"medicalExpense\":12000,"
                + "\"foodAndClothingSecure\":true,\"compulsoryEducationSecure\":true,\"basicMedicalSecure\":true,"
                + "\"housingSafe\":true,\"waterSafe\":true,\"riskConfirmed\":true,\"note\":\"入户核实属实\"}";
    }

    @Test
    void oneRuleForEveryRelapseAndAssistFirstAsAProvinceSwitch(@Autowired PolicyParameters parameters)
            throws Exception {
        // a 脱贫户, a household whose risk was eliminated (a 脱贫户 before) and a 一般农户, each twice, all below the
        // income line: the first three handed over with 先帮扶后认定 off, the others after the province switched it on
        String header = "household_no,village_code,status,exit_year,income_year,income_wage,name,id_number,relation,"
                + "labour_capacity,medical_insurance\n";
        StringBuilder csv = new StringBuilder(header);
        int seq = 500;
        for (String round : List.of("OFF", "ON")) {
            csv.append(row(round + "-EXITED", "脱贫户", "2019", seq++));
            csv.append(row(round + "-ELIM", "风险已消除", "2018", seq++));
            csv.append(row(round + "-ORD", "一般农户", "", seq++));
        }
        assertThat(households
                        .importFile(
                                TestData.write(dir, "relapse.csv", csv.toString()),
                                "relapse.csv",
                                "t",
                                Locale.CHINA,
                                new HouseholdImporter.Options(null, null))
                        .errors())
                .isEmpty();
        runs.run(TODAY);

        for (String no : List.of("OFF-EXITED", "OFF-ELIM", "OFF-ORD")) {
            handOver(no);
        }
        // off: a case at its first step; the household is what it was, with no plan yet
        assertThat(status(householdId("OFF-EXITED"))).isEqualTo("EXITED");
        assertThat(status(householdId("OFF-ELIM"))).isEqualTo("ELIMINATED");
        assertThat(status(householdId("OFF-ORD"))).isEqualTo("ORDINARY");
        for (String no : List.of("OFF-EXITED", "OFF-ELIM", "OFF-ORD")) {
            assertThat(caseOf(no)).as(no).contains("\"stage\":\"VERIFICATION\"");
            assertThat(plans(no)).as(no).isZero();
        }
        // the category follows from who the household is
        assertThat(caseOf("OFF-ELIM")).contains("\"suggestedCategory\":\"UNSTABLE\"");
        assertThat(caseOf("OFF-ORD")).contains("\"suggestedCategory\":\"MARGINAL\"");

        parameters.set("fast_path", TestData.PROVINCE, TODAY, BigDecimal.ONE, "测试：本省开启先帮扶后认定");
        for (String no : List.of("ON-EXITED", "ON-ELIM", "ON-ORD")) {
            handOver(no);
        }
        // on: included at once with its plan started, while the case still begins at verification
        for (String no : List.of("ON-EXITED", "ON-ELIM", "ON-ORD")) {
            assertThat(status(householdId(no))).as(no).isEqualTo("MONITORED");
            assertThat(caseOf(no)).as(no).contains("\"stage\":\"VERIFICATION\"");
            assertThat(plans(no)).as(no).isOne();
        }
        assertThat(category(householdId("ON-EXITED"))).isEqualTo("UNSTABLE");
        assertThat(category(householdId("ON-ORD"))).isEqualTo("MARGINAL");

        // the procedure still completes: the county confirms one inclusion and rejects another, which undoes it
        String confirmed = decideAfterTheProcedure("ON-EXITED", inclusion());
        assertThat(confirmed).contains("\"stage\":\"INCLUDED\"");
        assertThat(status(householdId("ON-EXITED"))).isEqualTo("MONITORED");
        assertThat(category(householdId("ON-EXITED"))).isEqualTo("SUDDEN_HARDSHIP"); // as the county decided
        String rejected = decideAfterTheProcedure("ON-ELIM", "{\"include\":false,\"reason\":\"收入已恢复\"}");
        assertThat(rejected).contains("\"stage\":\"REJECTED\"");
        assertThat(status(householdId("ON-ELIM"))).isEqualTo("ELIMINATED");
        assertThat(category(householdId("ON-ELIM"))).isNull();
        // as it was before it was included at once: its elimination date back, no inclusion date
        assertThat(dimensions(householdId("ON-ELIM")))
                .containsEntry("identity", "EXITED")
                .containsEntry("monitoring_since", null)
                .containsEntry(
                        "eliminated_on", dimensions(householdId("OFF-ELIM")).get("eliminated_on"));
        // a 脱贫户 included stays a 脱贫户
        assertThat(dimensions(householdId("ON-EXITED")))
                .containsEntry("identity", "EXITED")
                .containsEntry("monitoring_state", "MONITORED");
        // the village council's rejection undoes it too, and the plan it started (nothing was recorded in it)
        String ordinary = "/api/v1/cases/" + JsonPath.read(caseOf("ON-ORD"), "$[0].id");
        assertThat(post("cadre", ordinary + "/verification", version(ordinary), findings(ordinary)))
                .hasStatusOk();
        assertThat(post(
                        "cadre",
                        ordinary + "/council",
                        version(ordinary),
                        "{\"heldOn\":\"" + TODAY + "\",\"attendees\":9,"
                                + "\"votesFor\":2,\"votesAgainst\":7,\"approved\":false,\"note\":\"收入已恢复\"}"))
                .hasStatusOk()
                .bodyText()
                .contains("\"stage\":\"REJECTED\"");
        assertThat(status(householdId("ON-ORD"))).isEqualTo("ORDINARY");
        assertThat(plans("ON-ORD")).isZero();
        // the history says why, step by step
        assertThat(jdbc.sql("select string_agg(change_reason, ' | ' order by version) from household"
                                + " where household_id = ?")
                        .param(householdId("ON-ELIM"))
                        .query(String.class)
                        .single())
                .contains("先帮扶后认定", "撤销先行纳入");
    }

    private static String row(String no, String status, String exitYear, int seq) {
        return no + "," + TestData.VILLAGE + "," + status + "," + exitYear + "," + (TODAY.getYear() - 1) + ",3000,户主"
                + no + "," + TestData.id("1970-03-03", seq) + ",户主,普通劳动力,true\n";
    }

    /** The township confirms the household's income alert (raised a week ago) and hands it over. */
    private void handOver(String no) {
        long alert = jdbc.sql("select id from alert where household_id = ? and status = 'NEW'")
                .param(householdId(no))
                .query(Long.class)
                .single();
        // raised a week ago, so that its case can complete its publicity today
        jdbc.sql("update alert set created_at = created_at - interval '7 days' where id = ?")
                .param(alert)
                .update();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/verify", 1, "{\"confirmed\":true,\"note\":\"收入低于监测线\"}"))
                .hasStatusOk();
        assertThat(post("town", "/api/v1/alerts/" + alert + "/hand-over", 2, ""))
                .hasStatusOk();
    }

    private String caseOf(String no) throws Exception {
        return get("cw-county", "/api/v1/cases?household=" + householdId(no))
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private long plans(String no) {
        return jdbc.sql("select count(*) from assistance_plan where household_id = ?")
                .param(householdId(no))
                .query(Long.class)
                .single();
    }

    private Map<String, Object> dimensions(long household) {
        return jdbc.sql("select identity, monitoring_state, monitoring_category, monitoring_since, eliminated_on,"
                        + " elimination_kind from household where household_id = ? and valid_to is null")
                .param(household)
                .query()
                .singleRow();
    }

    private String category(long household) {
        return jdbc.sql("select monitoring_category from household where household_id = ? and valid_to is null")
                .param(household)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** Verification, council, publicity, township review, then the county's decision; its answer. */
    private String decideAfterTheProcedure(String no, String decision) throws Exception {
        String path = "/api/v1/cases/" + JsonPath.read(caseOf(no), "$[0].id");
        int v = version(path);
        assertThat(post("cadre", path + "/verification", v, findings(path))).hasStatusOk();
        assertThat(post("cadre", path + "/council", version(path), council(5))).hasStatusOk();
        assertThat(post("cadre", path + "/publicity-end", version(path), "")).hasStatusOk();
        assertThat(post("town", path + "/township-review", version(path), "{\"approved\":true}"))
                .hasStatusOk();
        MvcTestResult d = post("cw-county", path + "/county-decision", version(path), decision);
        assertThat(d).hasStatusOk();
        return d.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private int version(String casePath) {
        String etag = get("cw-county", casePath).getResponse().getHeader("ETag");
        return Integer.parseInt(etag.replaceAll("[^0-9]", ""));
    }

    /** An approving council held {@code daysAgo + 1} days ago whose publicity began {@code daysAgo} days ago. */
    private String council(int daysAgo) {
        return "{\"heldOn\":\"" + TODAY.minusDays(daysAgo) + "\",\"attendees\":12,\"votesFor\":11,\"votesAgainst\":1,"
                + "\"approved\":true,\"publicityFrom\":\"" + TODAY.minusDays(daysAgo) + "\"}";
    }

    private String inclusion() {
        return "{\"include\":true,\"category\":\"SUDDEN_HARDSHIP\",\"causes\":[\"ILLNESS\"],\"reason\":\"自付医疗费用超过家庭收入一半\"}";
    }

    private long householdId(String no) {
        return jdbc.sql("select household_id from household where household_no = ? and valid_to is null")
                .param(no)
                .query(Long.class)
                .single();
    }

    /** v1's one status, from who the household is and its monitoring state. */
    private String status(long household) {
        return jdbc.sql("select case when monitoring_state = 'NONE' then identity else monitoring_state end"
                        + " from household where household_id = ? and valid_to is null")
                .param(household)
                .query(String.class)
                .single();
    }

    private String inbox(String user) throws Exception {
        MvcTestResult r = get(user, "/api/v1/inbox");
        assertThat(r).hasStatusOk();
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private MvcTestResult put(String user, String path, Integer version, String body) {
        var req = mvc.put().uri(path).with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON);
        if (version != null) {
            req = req.header("If-Match", "\"" + version + "\"");
        }
        return req.content(body).exchange();
    }

    private MvcTestResult post(String user, String path, Integer version, String body) {
        var req = mvc.post().uri(path).with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON);
        if (version != null) {
            req = req.header("If-Match", "\"" + version + "\"");
        }
        return req.content(body).exchange();
    }
}
