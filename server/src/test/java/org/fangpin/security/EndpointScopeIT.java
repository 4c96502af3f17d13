package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.IdNumber;
import org.fangpin.reporting.Ledgers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint the application exposes (read from its handler mappings, so new endpoints are covered without
 * editing this test) is called, with real ids of another township's records in its path, as a user of a sibling
 * township, as a read-only inspector of that township and as that township's administrator (who manages its
 * accounts but sees no household data). None may return the other township's data or change it.
 */
@IntegrationTest
class EndpointScopeIT {

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonitoringRuns runs;

    @Autowired
    Ledgers ledgers;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @TempDir
    Path dir;

    static final String OWNER_NO = "OWNER-A1";
    static final String OWNER_NAME = "范围甲";
    static final String OWNER_ID = TestData.id("1966-06-06", 21);
    static final String UNREGISTERED_ID = TestData.id("1977-07-07", 33);
    static final String OWNER_BATCH = "OWNER-BATCH-1";
    static final Set<String> OPEN = Set.of("/login", "/logout", "/error");

    /**
     * Writes that make a record of the caller's own region from what the probe sends (a helper of the sibling's
     * county, named by the probe's {@code name}): allowed to succeed, checked below to be the caller's own.
     */
    static final Set<String> CREATES_OWN = Set.of("POST /helpers");

    private void user(String name, String role, String region) {
        TestData.user(jdbc, encoder, name, role, region, "Enum-pass-123", false);
    }

    @Test
    void noEndpointHandsOutOrChangesAnotherRegionsData() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        user("owner-town", "TOWNSHIP", TestData.TOWNSHIP);
        user("sibling-town", "TOWNSHIP", TestData.OTHER_TOWNSHIP);
        user("sibling-inspector", "INSPECTOR", TestData.OTHER_TOWNSHIP);
        user("sibling-admin", "ADMIN", TestData.OTHER_TOWNSHIP);
        MockMvc mvc = AsSystemInTests.mockMvc(context);

        // the owner's records: a household with a member, and a rejected import with an error report
        String created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("owner-town", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"household":{"householdNo":"%s","villageCode":"%s","status":"ORDINARY"},
                                 "members":[{"name":"%s","idNumber":"%s","relation":"HEAD"}]}""".formatted(OWNER_NO, TestData.VILLAGE, OWNER_NAME, OWNER_ID)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String householdId = String.valueOf(((Number) JsonPath.read(created, "$.id")).longValue());
        String personId = String.valueOf(((Number) JsonPath.read(created, "$.members[0].id")).longValue());
        String badImport = "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\n" + OWNER_NO + "," + TestData.VILLAGE + ",脱贫户," + OWNER_NAME
                + ",123,户主\n";
        String rejected = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/households/import")
                        .file(new MockMultipartFile(
                                "file", "a.csv", "text/csv", badImport.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("owner-town", "Enum-pass-123")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String importId = JsonPath.read(rejected, "$.importId");
        // a department of the owner's township sends a feed batch; its feedback lists an unregistered ID number
        user("owner-yibao", "DEPARTMENT", TestData.TOWNSHIP);
        jdbc.sql("update app_user set department = 'MEDICAL_SECURITY' where username = 'owner-yibao'")
                .update();
        String sent = mvc.perform(MockMvcRequestBuilders.post("/api/v1/feeds/types/medical_claim/batches")
                        .with(httpBasic("owner-yibao", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"batchId":"%s","period":"2026-10","rows":[
                                 {"idNumber":"%s","visitDate":"2026-10-02","totalCost":"900","outOfPocket":"300"},
                                 {"idNumber":"%s","visitDate":"2026-10-03","totalCost":"800","outOfPocket":"200"}]}""".formatted(OWNER_BATCH, OWNER_ID, UNREGISTERED_ID)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String batchId = JsonPath.read(sent, "$.batch.id");
        // a monitoring run raises an alert for the owner's household (its member has no medical insurance)
        var run = runs.run(LocalDate.now(TestData.ZONE));
        String alertId = jdbc.sql("select id from alert where run_id = ? and household_no = ?")
                .params(run.id(), OWNER_NO)
                .query(String.class)
                .single();
        // the owner's township opens an identification case for the household
        String opened = mvc.perform(MockMvcRequestBuilders.post("/api/v1/cases")
                        .with(httpBasic("owner-town", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"householdId\":" + householdId
                                + ",\"channel\":\"APPLICATION\",\"statement\":\"申请纳入\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String caseId = String.valueOf(((Number) JsonPath.read(opened, "$.id")).longValue());
        String lodged = mvc.perform(MockMvcRequestBuilders.post("/api/v1/grievances")
                        .with(httpBasic("owner-town", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"householdId\":" + householdId + ",\"kind\":\"WRONG_DATA\",\"content\":\"x\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String grievanceId = String.valueOf(((Number) JsonPath.read(lodged, "$.id")).longValue());
        // the city above draws the owner's township for 抽查, checks the owner's household and issues a finding to
        // the township about it
        user("owner-city", "CITY", TestData.CITY);
        String drew = mvc.perform(MockMvcRequestBuilders.post("/api/v1/samples")
                        .with(httpBasic("owner-city", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"" + TestData.TOWNSHIP + "\",\"seed\":\"s\",\"perStratum\":1}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String drawId = String.valueOf(((Number) JsonPath.read(drew, "$.id")).longValue());
        assertThat(mvc.perform(MockMvcRequestBuilders.put(
                                        "/api/v1/samples/" + drawId + "/households/" + householdId + "/check")
                                .with(httpBasic("owner-city", "Enum-pass-123"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"verdict\":\"CORRECT\"}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        String issued = mvc.perform(MockMvcRequestBuilders.post("/api/v1/findings")
                        .with(httpBasic("owner-city", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"region":"%s","responsibleUnit":"%s","source":"SAMPLE_CHECK","category":"DATA",
                                 "severity":"MINOR","title":"t","description":"d","deadline":"%s","households":[%s]}""".formatted(
                                        TestData.TOWNSHIP,
                                        OWNER_NAME,
                                        LocalDate.now(TestData.ZONE).plusDays(9),
                                        householdId)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String findingId = String.valueOf(((Number) JsonPath.read(issued, "$.finding.id")).longValue());
        String interviewed = mvc.perform(MockMvcRequestBuilders.post("/api/v1/interviews")
                        .with(httpBasic("owner-city", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"region":"%s","kind":"INTERVIEW","interviewee":"%s","post":"镇长","interviewer":"w",
                                 "heldOn":"%s","reason":"r","findings":[%s]}""".formatted(TestData.TOWNSHIP, OWNER_NAME, LocalDate.now(TestData.ZONE), findingId)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String interviewId = String.valueOf(((Number) JsonPath.read(interviewed, "$.id")).longValue());
        // the city assesses the owner's county and scores it at once
        String planned = mvc.perform(MockMvcRequestBuilders.post("/api/v1/assessments")
                        .with(httpBasic("owner-city", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"年度考核\",\"kind\":\"ANNUAL\",\"asOf\":\"" + LocalDate.now(TestData.ZONE)
                                + "\",\"counties\":[\"" + TestData.COUNTY + "\"]}"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String planId = String.valueOf(((Number) JsonPath.read(planned, "$.id")).longValue());
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/api/v1/assessments/" + planId + "/scorecards")
                                .with(httpBasic("owner-city", "Enum-pass-123"))
                                .header("If-Match", "\"1\""))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        // 项目资金: the owner's township applies for a project named after the owner; its county funds and pays it
        user("owner-county", "COUNTY", TestData.COUNTY);
        String applied = mvc.perform(MockMvcRequestBuilders.post("/api/v1/projects")
                        .with(httpBasic("owner-town", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"region":"%s","year":%d,"name":"%s养殖场","type":"INDUSTRY","department":"AGRICULTURE",
                                 "place":"p","content":"c","benefitLinks":["EMPLOYMENT"],
                                 "budget":[{"source":"CENTRAL_LINKAGE","amount":1000}],
                                 "targets":[{"indicator":"i","value":"v"}]}""".formatted(
                                TestData.TOWNSHIP, LocalDate.now(TestData.ZONE).getYear(), OWNER_NAME)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String projectId = String.valueOf(((Number) JsonPath.read(applied, "$.id")).longValue());
        String allocated = mvc.perform(MockMvcRequestBuilders.post("/api/v1/funds/allocations")
                        .with(httpBasic("owner-county", "Enum-pass-123"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"county":"%s","year":%d,"source":"CENTRAL_LINKAGE","documentNo":"%s","amount":5000,
                                 "issuedOn":"%s"}""".formatted(
                                        TestData.COUNTY,
                                        LocalDate.now(TestData.ZONE).getYear(),
                                        OWNER_NAME,
                                        LocalDate.now(TestData.ZONE))))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String allocationId = String.valueOf(((Number) JsonPath.read(allocated, "$.id")).longValue());
        jdbc.sql("update project set stage = 'IN_PROGRESS', approved_on = current_date where id = ?")
                .param(Long.parseLong(projectId))
                .update();
        jdbc.sql("insert into funding_line (project_id, allocation_id, amount, recorded_by) values (?, ?, 1000, 't')")
                .params(Long.parseLong(projectId), Long.parseLong(allocationId))
                .update();
        String paymentId = String.valueOf(jdbc.sql("""
                        insert into disbursement (line_id, paid_on, amount, payee_kind, payee_name, household_id,
                            one_card, voucher_no, recorded_by)
                        select id, current_date, 100, 'HOUSEHOLD', ?, ?, true, 'v', 't' from funding_line returning id""")
                .params(OWNER_NAME, Long.parseLong(householdId))
                .query(Long.class)
                .single());
        // 扶贫项目资产: the owner's township holds an asset named after the owner, its income publicised, a disposal asked
        String assetId = String.valueOf(jdbc.sql("""
                        insert into asset (asset_no, region_code, county_code, name, class, origin, place, value,
                            formed_on, title_level, holder, operator, distribution_plan, status, status_on, recorded_by)
                        values ('421122-ZC-00001', ?, ?, ?, 'OPERATING', 'INVENTORY', 'p', 1000, current_date,
                            'TOWNSHIP', ?, 'o', 'd', 'IN_USE', current_date, 't') returning id""")
                .params(TestData.TOWNSHIP, TestData.COUNTY, OWNER_NAME, OWNER_NAME)
                .query(Long.class)
                .single());
        String incomeId = String.valueOf(
                jdbc.sql("""
                        insert into asset_income (asset_id, period_from, period_to, amount, received_on, stage,
                            meeting_on, meeting_note, publicity_from, publicity_to, publicity_place, recorded_by)
                        values (?, current_date, current_date, 100, current_date, 'PUBLICITY', current_date, 'm',
                            current_date, current_date + 9, 'p', 't') returning id""").param(Long.parseLong(assetId)).query(Long.class).single());
        jdbc.sql("insert into distribution_row (income_id, use, household_id, amount, one_card) values (?, 'HOUSEHOLD',"
                        + " ?, 100, true)")
                .params(Long.parseLong(incomeId), Long.parseLong(householdId))
                .update();
        String disposalId = String.valueOf(
                jdbc.sql("""
                        insert into asset_disposal (asset_id, kind, stage, valuation, reason, requested_on,
                            requested_by) values (?, 'SCRAP', 'REQUESTED', 0, 'r', current_date, 't') returning id""").param(Long.parseLong(assetId)).query(Long.class).single());
        // 驻村工作队: a team at work in the owner's village, sent by a unit (units are the installation's shared list of
        // organisations, not a region's data)
        String unitId =
                String.valueOf(jdbc.sql("insert into assist_unit (name, kind, created_by) values (?, 'COUNTY_ORGAN',"
                                + " 't') returning id")
                        .param("县交通运输局")
                        .query(Long.class)
                        .single());
        String teamId = String.valueOf(jdbc.sql("insert into work_team (village_code, started_on, created_by)"
                        + " values (?, current_date, 't') returning id")
                .param(TestData.VILLAGE)
                .query(Long.class)
                .single());
        jdbc.sql("insert into work_team_unit (team_id, unit_id) values (?, ?)")
                .params(Long.parseLong(teamId), Long.parseLong(unitId))
                .update();
        // 帮扶责任人: a county helper (helpers are the county's people, seen by its townships) paired with the owner's
        // household; the sibling township may see the helper, never the household
        String helperId = String.valueOf(jdbc.sql("insert into helper (county_code, name, created_by, updated_by)"
                        + " values (?, '县帮扶员', 't', 't') returning id")
                .param(TestData.COUNTY)
                .query(Long.class)
                .single());
        jdbc.sql("insert into helper_pairing (helper_id, household_id, village_code, paired_on, created_by)"
                        + " values (?, ?, ?, current_date, 't')")
                .params(Long.parseLong(helperId), Long.parseLong(householdId), TestData.VILLAGE)
                .update();
        // 协作帮扶: an enterprise's partnership with the owner's village, its year committed, a delivery booked and the
        // year reconciled; the sibling township sees its county's partnerships, never the owner's village's
        String partnershipId = String.valueOf(jdbc.sql(
                        "insert into partnership (kind, unit_id, region_code, started_on,"
                                + " created_by) values ('ENTERPRISE_VILLAGE', ?, ?, current_date - 400, 't') returning id")
                .params(Long.parseLong(unitId), TestData.VILLAGE)
                .query(Long.class)
                .single());
        jdbc.sql("insert into partnership_commitment (partnership_id, year, item, quantity, updated_by)"
                        + " values (?, extract(year from current_date)::int - 1, 'TRAINING', 10, 't')")
                .param(Long.parseLong(partnershipId))
                .update();
        String deliveryId = String.valueOf(jdbc.sql("insert into partnership_delivery (partnership_id, item,"
                        + " delivered_on, quantity, created_by) values (?, 'TRAINING', current_date - 380, 10, 't')"
                        + " returning id")
                .param(Long.parseLong(partnershipId))
                .query(Long.class)
                .single());
        jdbc.sql("insert into partnership_reconciliation (partnership_id, year, committed, delivered, statement_id,"
                        + " statement_name, statement_type, statement_size, statement_sha256, confirmed_by) values"
                        + " (?, extract(year from current_date)::int - 1, '{}', '{}', gen_random_uuid(), 's.pdf',"
                        + " 'application/pdf', 1, 'x', 't')")
                .param(Long.parseLong(partnershipId))
                .update();
        // 书记遍访: the owner township's secretary and a visit to the owner's village; the sibling sees neither
        String leaderId = String.valueOf(jdbc.sql("insert into leader (region_code, name, post, from_on, created_by)"
                        + " values (?, '镇书记', '镇党委书记', current_date - 30, 't') returning id")
                .param(TestData.TOWNSHIP)
                .query(Long.class)
                .single());
        jdbc.sql("insert into leader_visit (leader_id, visited_on, village_code, household_id, problems, created_by)"
                        + " values (?, current_date, ?, ?, '问题', 't')")
                .params(Long.parseLong(leaderId), TestData.VILLAGE, Long.parseLong(householdId))
                .update();
        long versionsBefore = versions();
        // the record a path's {id} names, by the first part of the path that says which (else the household)
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("/leader-visits", leaderId);
        ids.put("/partnerships", partnershipId);
        ids.put("/helpers", helperId);
        ids.put("/assets", assetId);
        ids.put("/teams", teamId);
        ids.put("projects", projectId);
        ids.put("/funds/", allocationId);
        ids.put("persons", personId);
        ids.put("imports", importId);
        ids.put("cases", caseId);
        ids.put("grievances", grievanceId);
        ids.put("feeds", batchId);
        ids.put("alerts", alertId);
        ids.put("assessment", planId);
        ids.put("interviews", interviewId);
        ids.put("findings", findingId);
        ids.put("samples", drawId);
        ids.put("runs", run.id().toString());

        List<String> checked = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (OPEN.contains(pattern) || pattern.startsWith("/v3/") || pattern.startsWith("/swagger")) {
                    continue;
                }
                String p0 = pattern.replace("{id}", idOf(ids, pattern, householdId))
                        .replace("{household}", householdId)
                        .replace("{delivery}", deliveryId)
                        .replace(
                                "{year}",
                                String.valueOf(LocalDate.now(TestData.ZONE).getYear() - 1))
                        .replace("{payment}", paymentId)
                        .replace("{income}", incomeId)
                        .replace("{disposal}", disposalId)
                        .replace("{type}", "medical_claim")
                        .replace("{username}", "owner-town")
                        .replace("{role}", "TOWNSHIP")
                        .replace("{county}", TestData.COUNTY)
                        .replace(
                                "{code}",
                                pattern.contains("/ledgers/")
                                        ? "{ledger}"
                                        : pattern.contains("assessment") ? "VISIT_COMPLIANCE" : TestData.VILLAGE)
                        .replaceAll("\\{(?!ledger})[^}]+}", "x");
                // a ledger's endpoints are called for every ledger
                List<String> paths = p0.contains("{ledger}")
                        ? ledgers.list().stream()
                                .map(l -> p0.replace("{ledger}", l.code()))
                                .toList()
                        : List.of(p0);
                for (String path : paths) {
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        for (String user : List.of("sibling-town", "sibling-inspector", "sibling-admin")) {
                            MvcResult r = mvc.perform(MockMvcRequestBuilders.request(HttpMethod.valueOf(m.name()), path)
                                            .queryParam("region", TestData.TOWNSHIP)
                                            .queryParam("county", TestData.COUNTY)
                                            .queryParam(
                                                    "year",
                                                    String.valueOf(LocalDate.now(TestData.ZONE)
                                                            .getYear()))
                                            .queryParam("change", "INCLUDED")
                                            .queryParam("figure", path.contains("cases") ? "OPENED" : "RAISED")
                                            .queryParam("reason", "probe")
                                            .queryParam("name", OWNER_NAME)
                                            .queryParam("idNumber", OWNER_ID)
                                            .header("If-Match", "\"1\"")
                                            .contentType(MediaType.APPLICATION_JSON)
                                            .content("{}")
                                            .with(httpBasic(user, "Enum-pass-123"))
                                            .with(csrf()))
                                    .andReturn();
                            String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
                            String where = m + " " + path + " as " + user + " -> "
                                    + r.getResponse().getStatus();
                            assertThat(body)
                                    .as(where)
                                    .doesNotContain(OWNER_NO)
                                    .doesNotContain(OWNER_NAME)
                                    .doesNotContain(IdNumber.mask(OWNER_ID))
                                    .doesNotContain(IdNumber.mask(UNREGISTERED_ID))
                                    // (a 404 may echo the batch id of the URL; the batch key is what a listing shows)
                                    .doesNotContain(OWNER_BATCH);
                            // a write is refused; a page's form refused for what was typed goes back to the form (its
                            // own page, or the list it sits on)
                            String back = String.valueOf(r.getResponse().getRedirectedUrl());
                            boolean backToTheForm = r.getResponse().getStatus() == 302
                                    && !path.startsWith("/api/")
                                    && (back.equals(path + "/new")
                                            || back.equals(path)
                                            || back.equals(path.substring(0, path.lastIndexOf('/'))));
                            boolean own = CREATES_OWN.contains(m + " " + path) && user.equals("sibling-town");
                            if (own) {
                                // the sibling's own county's helper, named as the probe named it: checked, then
                                // removed so that later probes of the county's helpers do not read the probe's name
                                assertThat(jdbc.sql("delete from helper where name = ? returning county_code"
                                                        + " || ' ' || created_by")
                                                .param(OWNER_NAME)
                                                .query(String.class)
                                                .list())
                                        .as(where)
                                        .containsExactly(TestData.COUNTY + " sibling-town");
                            }
                            if (m != RequestMethod.GET && !backToTheForm && !own) {
                                assertThat(r.getResponse().getStatus())
                                        .as(where)
                                        .isGreaterThanOrEqualTo(400);
                            }
                            checked.add(where);
                        }
                    }
                }
            }
        }
        assertThat(versions()).as("the owner's records are unchanged").isEqualTo(versionsBefore);
        // the test covers the application's endpoints, not an empty list
        assertThat(checked).hasSizeGreaterThan(40);
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/households/" + householdId + " "));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/imports/" + importId));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/feeds/batches/" + batchId + "/feedback.csv"));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/alerts/" + alertId + " "));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/ledgers/monitored/export as sibling-town -> 403"));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/ledgers/alerts as sibling-town -> 403"));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/statistics/activity as sibling-town -> 403"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/statistics/households/list as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("GET /api/v1/statistics/changes/households as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("GET /statistics/households as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("GET /api/v1/statistics/activity/alerts as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("GET /api/v1/statistics/activity/cases as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("GET /statistics/cases as sibling-town -> 403"));
        assertThat(checked).anyMatch(c -> c.startsWith("POST /api/v1/alerts/" + alertId + "/verify "));
        assertThat(checked).anyMatch(c -> c.startsWith("GET /api/v1/cases/" + caseId + " "));
        assertThat(checked).anyMatch(c -> c.startsWith("POST /api/v1/grievances/" + grievanceId + "/decision "));
        assertThat(checked).anyMatch(c -> c.startsWith("POST /api/v1/cases/" + caseId + "/county-decision "));
        assertThat(checked).anyMatch(c -> c.startsWith("PUT /api/v1/users/owner-town as sibling-admin -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("POST /api/v1/users/owner-town/password-reset as sibling-admin -> 404"));
        assertThat(checked).anyMatch(c -> c.startsWith("PUT /api/v1/roles/TOWNSHIP as sibling-town -> 403"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/findings/" + findingId + " as sibling-inspector -> 404"));
        assertThat(checked)
                .anyMatch(c ->
                        c.startsWith("POST /api/v1/findings/" + findingId + "/sign-off as sibling-inspector -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("PUT /api/v1/samples/" + drawId + "/households/" + householdId
                        + "/check as sibling-inspector -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/interviews/" + interviewId + " as sibling-inspector -> 404"));
        assertThat(checked)
                .anyMatch(
                        c -> c.startsWith("GET /api/v1/assessments/" + planId + "/scorecards as sibling-town -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/assessments/self-assessment as sibling-town -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/projects/" + projectId + " as sibling-town -> 404"))
                .anyMatch(c -> c.startsWith("POST /api/v1/projects/" + projectId + "/payments as sibling-town -> 403"))
                .anyMatch(
                        c -> c.startsWith("GET /api/v1/funds/allocations/" + allocationId + " as sibling-town -> 404"))
                .anyMatch(c -> c.startsWith("POST /api/v1/projects/" + projectId + "/progress as sibling-town -> 404"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("GET /api/v1/assets/" + assetId + " as sibling-town -> 404"))
                .anyMatch(c -> c.startsWith(
                        "POST /api/v1/assets/" + assetId + "/incomes/" + incomeId + "/payment as sibling-town -> 404"))
                .anyMatch(c -> c.startsWith("POST /api/v1/assets/" + assetId + "/disposals/" + disposalId
                        + "/decision as sibling-town -> 403"))
                .anyMatch(c -> c.startsWith("POST /api/v1/assets/" + assetId + "/upkeep as sibling-inspector -> 403"));
        assertThat(checked).anyMatch(c -> c.startsWith("POST /helpers as sibling-town -> 302"));
        assertThat(checked)
                .anyMatch(c -> c.startsWith("POST /api/v1/helpers/" + helperId + "/households/" + householdId
                        + "/end as sibling-town -> 4"))
                .anyMatch(c -> c.startsWith("GET /api/v1/helpers/" + helperId + " as sibling-town -> 200"));
    }

    private long versions() {
        return jdbc.sql("select (select count(*) from household) + (select count(*) from person)"
                        + " + (select coalesce(sum(version), 0) from alert) + (select count(*) from monitoring_run)"
                        + " + (select coalesce(sum(version), 0) from case_file) + (select count(*) from case_step)"
                        + " + (select coalesce(sum(version), 0) from grievance)"
                        // 抽查 and 整改: no draw made, no check or finding changed
                        + " + (select count(*) from sample_draw) + (select coalesce(sum(version), 0) from field_check)"
                        + " + (select coalesce(sum(version), 0) from finding) + (select count(*) from finding_event)"
                        + " + (select coalesce(sum(version), 0) from interview)"
                        // 考核评估: no plan opened, approved or scored, no indicator or rural population changed
                        + " + (select coalesce(sum(version), 0) from assessment_plan)"
                        + " + (select count(*) from scorecard_indicator)"
                        + " + (select coalesce(sum(version), 0) from indicator)"
                        + " + (select count(*) from rural_population)"
                        // 项目资金: no project moved, no funds assigned or paid, no objection recorded
                        + " + (select coalesce(sum(version), 0) from project) + (select count(*) from project_step)"
                        + " + (select count(*) from funding_line) + (select count(*) from disbursement)"
                        + " + (select coalesce(sum(version), 0) from fund_allocation) + (select count(*) from objection)"
                        // 资产: no asset changed, shared, kept up, earning, distributed or disposed of
                        + " + (select coalesce(sum(version), 0) from asset) + (select count(*) from asset_step)"
                        + " + (select count(*) from asset_share) + (select count(*) from asset_upkeep)"
                        + " + (select count(*) from asset_income) + (select count(*) from distribution_row)"
                        + " + (select count(*) from asset_disposal) + (select count(*) from project_file)"
                        // 驻村: no unit, team or member added or changed; no county designated
                        + " + (select count(*) from assist_unit) + (select coalesce(sum(version), 0) from work_team)"
                        + " + (select count(*) from team_member) + (select count(*) from region_designation)"
                        + " + (select count(*) from team_attendance) + (select count(*) from team_leave)"
                        + " + (select count(*) from team_training) + (select count(*) from team_training_member)"
                        + " + (select count(*) from project_beneficiary)"
                        // 结对: no helper added, changed or gone; no pairing made or ended
                        + " + (select coalesce(sum(version), 0) from helper)"
                        + " + (select count(*) from helper_pairing)"
                        + " + (select count(*) from helper_pairing where ended_on is not null)"
                        // 协作帮扶: no partnership made, changed or ended; nothing committed, booked, withdrawn or
                        // confirmed
                        + " + (select coalesce(sum(version), 0) + count(*) from partnership)"
                        + " + (select count(*) from partnership_commitment)"
                        + " + (select count(*) + count(withdrawn_at) from partnership_delivery)"
                        + " + (select count(*) from partnership_reconciliation)"
                        // 书记遍访: no secretary recorded or gone, no visit recorded
                        + " + (select coalesce(sum(version), 0) + count(*) from leader)"
                        + " + (select count(*) from leader_visit)"
                        // accounts and permissions: no change to the owner's user, nor to any role
                        + " + (select coalesce(sum(version), 0) from app_user)"
                        + " + (select count(*) from audit_log where entity in ('user', 'role'))")
                .query(Long.class)
                .single();
    }

    /** The id a path's {@code {id}} takes: that of the first kind of record the path names, else the household's. */
    private static String idOf(Map<String, String> ids, String pattern, String household) {
        return ids.entrySet().stream()
                .filter(e -> pattern.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(household);
    }
}
